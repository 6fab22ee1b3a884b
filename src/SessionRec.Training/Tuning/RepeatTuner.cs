using SessionRec.Core.Ranking;
using SessionRec.Models.Repeat;
using SessionRec.Training.Evaluation;

namespace SessionRec.Training.Tuning;

/// <summary>One setting of the repeat mixture with its validation figures at K.</summary>
/// <param name="MrrStandardError">Standard error of <paramref name="Mrr"/> over the validation cases.</param>
public sealed record RepeatTrial(RepeatOptions Options, double HitRate, double Mrr, double MrrStandardError = 0);

/// <summary>
/// Tunes the repeat mixture over a fixed model on a validation set (seen items kept): the model's base lists are
/// computed once, then every (weight, decay) pair is replayed through <see cref="RepeatMixture"/>, the code serving
/// runs, so the figures are those the wrapped model gets from <see cref="Evaluator"/>. Objective: MRR@K, then HR@K.
/// </summary>
public static class RepeatTuner
{
    public static readonly float[] Weights = [0f, 0.05f, 0.1f, 0.15f, 0.2f, 0.25f, 0.3f, 0.35f, 0.4f, 0.45f, 0.5f, 0.6f, 0.7f, 0.8f];

    public static readonly float[] Decays = [0.05f, 0.1f, 0.2f, 0.3f, 0.5f, 0.7f, 1f];

    /// <returns>Every trial, best first.</returns>
    public static IReadOnlyList<RepeatTrial> Tune(INextItemModel model, EvaluationSet set, RepeatOptions template, int k = 20, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(template);
        var inner = RepeatAwareModel.Unwrap(model);
        int n = set.Cases.Count;
        var pools = new ScoredItem[n][];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Parallel.For(0, n, parallel, i =>
        {
            var history = set.History(set.Cases[i]);
            // The same pool size RepeatAwareModel asks for, so the explore normalization matches serving.
            var buffer = new ScoredItem[Math.Max(template.Pool, k + history.ToArray().Distinct().Count())];
            int found = inner.Recommend(history, [], buffer);
            pools[i] = buffer[..found];
        });

        var trials = new List<RepeatTrial>();
        foreach (float decay in Decays)
        {
            foreach (float weight in Weights)
            {
                var options = template with { Weight = weight, Decay = decay };
                var (hr, mrr, se) = Replay(set, pools, options, k, parallel);
                trials.Add(new RepeatTrial(options, hr, mrr, se));
            }
        }

        return [.. trials.OrderByDescending(t => t.Mrr).ThenByDescending(t => t.HitRate)];
    }

    private static (double HitRate, double Mrr, double MrrStandardError) Replay(EvaluationSet set, ScoredItem[][] pools, RepeatOptions options, int k, ParallelOptions parallel)
    {
        int n = set.Cases.Count;
        var ranks = new int[n];
        Parallel.For(0, n, parallel, () => (Top: new ScoredItem[k], Items: new int[64], Probabilities: new float[64]), (i, _, buffers) =>
        {
            var c = set.Cases[i];
            var history = set.History(c);
            if (buffers.Items.Length < history.Length)
            {
                buffers = (buffers.Top, new int[history.Length], new float[history.Length]);
            }

            int repeats = RepeatMixture.RepeatCandidates(history, [], options.Decay, buffers.Items, buffers.Probabilities);
            int count = RepeatMixture.Combine(pools[i], buffers.Items.AsSpan(0, repeats), buffers.Probabilities.AsSpan(0, repeats), options, buffers.Top);
            int target = set.Target(c);
            ranks[i] = -1;
            for (int j = 0; j < count; j++)
            {
                if (buffers.Top[j].Index == target)
                {
                    ranks[i] = j;
                    break;
                }
            }

            return buffers;
        }, _ => { });

        double hr = 0, mrr = 0, squares = 0;
        foreach (int rank in ranks)
        {
            hr += RankingMetrics.HitRate(rank, k);
            double rr = RankingMetrics.ReciprocalRank(rank, k);
            mrr += rr;
            squares += rr * rr;
        }

        int count = Math.Max(n, 1);
        double mean = mrr / count;
        double variance = Math.Max(0, (squares / count) - (mean * mean));
        return (hr / count, mean, Math.Sqrt(variance / count));
    }
}
