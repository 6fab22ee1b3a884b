using System.Collections.Concurrent;
using SessionRec.Core.Ranking;

namespace SessionRec.Training.Evaluation;

/// <summary>
/// Full-ranking offline evaluation through <see cref="INextItemModel.Recommend"/>, the call the server makes, so
/// offline figures are the served figures. Predictions run in parallel but each writes only its own slot and the
/// averages are summed in case order afterwards (<see cref="RankingTally"/>), so results do not depend on the thread
/// count or scheduling.
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
        var tally = new RankingTally(set, options);
        int n = set.Cases.Count;
        if (n == 0)
        {
            // Partitioner.Create refuses an empty range; an empty set has zero predictions and zero figures.
            return tally.Result(model.Vocabulary.Count);
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = cancellationToken };
        Parallel.ForEach(Partitioner.Create(0, n, ChunkSize), parallel, range =>
        {
            var buffer = new ScoredItem[tally.MaxK];
            for (int i = range.Item1; i < range.Item2; i++)
            {
                var history = set.History(set.Cases[i]);
                int count = model.Recommend(history, tally.Exclusions(i), buffer);
                tally.Record(i, buffer.AsSpan(0, count));
            }

            progress?.Invoke(range.Item2 - range.Item1);
        });

        return tally.Result(model.Vocabulary.Count);
    }
}
