using SessionRec.Core.Ranking;

namespace SessionRec.Training.Evaluation;

/// <summary>
/// Collects each case's top list and the target's rank in it, then averages them into an <see cref="EvaluationResult"/>.
/// Every way of producing rankings (the served <see cref="Evaluator"/>, SASRec's batched validation) reports through
/// this, so they compute figures the same way. <see cref="Record"/> writes only the case's own slot, so concurrent
/// calls for different cases are safe, and <see cref="Result"/> sums in case order, independent of scheduling.
/// </summary>
internal sealed class RankingTally
{
    private readonly EvaluationSet _set;
    private readonly int[] _ks;
    private readonly int[] _ranks;
    private readonly int[] _tops;

    public RankingTally(EvaluationSet set, EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _set = set;
        _ks = [.. options.Ks.Distinct().Order()];
        MaxK = _ks[^1];
        ExcludeSeen = options.ExcludeSeen ?? set.Protocol.DefaultExcludeSeen();
        _ranks = new int[set.Cases.Count];
        _tops = new int[(long)set.Cases.Count * MaxK];
    }

    /// <summary>The longest top list a case needs: the largest cut-off.</summary>
    public int MaxK { get; }

    /// <summary>Whether the ranking must skip the case's history (the option, else the protocol's default).</summary>
    public bool ExcludeSeen { get; }

    /// <summary>The items to skip when ranking case <paramref name="i"/>: its history, or none.</summary>
    public ReadOnlySpan<int> Exclusions(int i) => ExcludeSeen ? _set.History(_set.Cases[i]) : [];

    /// <summary>Records case <paramref name="i"/>'s ranking, best first (at most <see cref="MaxK"/> items are read).</summary>
    public void Record(int i, ReadOnlySpan<ScoredItem> top)
    {
        int target = _set.Target(_set.Cases[i]);
        int count = Math.Min(top.Length, MaxK);
        int rank = -1;
        var row = _tops.AsSpan((int)((long)i * MaxK), MaxK);
        for (int j = 0; j < MaxK; j++)
        {
            int item = j < count ? top[j].Index : 0;
            row[j] = item;
            if (rank < 0 && item == target && j < count)
            {
                rank = j;
            }
        }

        _ranks[i] = rank;
    }

    public EvaluationResult Result(int catalogSize) =>
        new(_set.Protocol, _ranks.Length, ExcludeSeen, [.. _ks.Select(k => Aggregate(k, catalogSize))]);

    private MetricsAtK Aggregate(int k, int catalogSize)
    {
        double hr = 0, ndcg = 0, mrr = 0;
        var covered = new bool[catalogSize + 1];
        int coveredCount = 0;
        for (int i = 0; i < _ranks.Length; i++)
        {
            hr += RankingMetrics.HitRate(_ranks[i], k);
            ndcg += RankingMetrics.Ndcg(_ranks[i], k);
            mrr += RankingMetrics.ReciprocalRank(_ranks[i], k);
            for (int j = 0; j < k; j++)
            {
                int item = _tops[((long)i * MaxK) + j];
                if (item > 0 && item <= catalogSize && !covered[item])
                {
                    covered[item] = true;
                    coveredCount++;
                }
            }
        }

        int n = Math.Max(_ranks.Length, 1);
        return new MetricsAtK(k, hr / n, ndcg / n, mrr / n, catalogSize == 0 ? 0 : (double)coveredCount / catalogSize);
    }
}
