using System.Collections.Concurrent;
using SessionRec.Core.Ranking;

namespace SessionRec.Training.Evaluation;

/// <summary>
/// Full-ranking offline evaluation through <see cref="INextItemModel.Recommend"/>, the call the server makes, so
/// offline figures are the served figures. Predictions run in parallel but each writes only its own slot and the
/// averages are summed in case order afterwards, so results do not depend on the thread count or scheduling.
/// </summary>
public static class Evaluator
{
    private const int ChunkSize = 64;

    /// <param name="progress">Called from worker threads with the number of predictions just finished.</param>
    public static EvaluationResult Evaluate(
        INextItemModel model,
        EvaluationSet set,
        EvaluationOptions options,
        Action<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        int[] ks = [.. options.Ks.Distinct().Order()];
        int maxK = ks[^1];
        bool excludeSeen = options.ExcludeSeen ?? set.Protocol.DefaultExcludeSeen();
        int n = set.Cases.Count;
        var ranks = new int[n];
        var tops = new int[(long)n * maxK];

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = cancellationToken };
        Parallel.ForEach(Partitioner.Create(0, n, ChunkSize), parallel, range =>
        {
            var buffer = new ScoredItem[maxK];
            for (int i = range.Item1; i < range.Item2; i++)
            {
                var c = set.Cases[i];
                var history = set.History(c);
                int count = model.Recommend(history, excludeSeen ? history : [], buffer);
                int target = set.Target(c);
                int rank = -1;
                var row = tops.AsSpan((int)((long)i * maxK), maxK);
                for (int j = 0; j < maxK; j++)
                {
                    int item = j < count ? buffer[j].Index : 0;
                    row[j] = item;
                    if (rank < 0 && item == target && j < count)
                    {
                        rank = j;
                    }
                }

                ranks[i] = rank;
            }

            progress?.Invoke(range.Item2 - range.Item1);
        });

        return new EvaluationResult(set.Protocol, n, excludeSeen, [.. ks.Select(k => Aggregate(ranks, tops, maxK, k, model.Vocabulary.Count))]);
    }

    private static MetricsAtK Aggregate(int[] ranks, int[] tops, int maxK, int k, int catalogSize)
    {
        double hr = 0, ndcg = 0, mrr = 0;
        var covered = new bool[catalogSize + 1];
        int coveredCount = 0;
        for (int i = 0; i < ranks.Length; i++)
        {
            hr += RankingMetrics.HitRate(ranks[i], k);
            ndcg += RankingMetrics.Ndcg(ranks[i], k);
            mrr += RankingMetrics.ReciprocalRank(ranks[i], k);
            for (int j = 0; j < k; j++)
            {
                int item = tops[((long)i * maxK) + j];
                if (item > 0 && item <= catalogSize && !covered[item])
                {
                    covered[item] = true;
                    coveredCount++;
                }
            }
        }

        int n = Math.Max(ranks.Length, 1);
        return new MetricsAtK(k, hr / n, ndcg / n, mrr / n, catalogSize == 0 ? 0 : (double)coveredCount / catalogSize);
    }
}
