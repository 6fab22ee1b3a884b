using System.Globalization;
using SessionRec.Models.Hybrid;
using SessionRec.Models.Repeat;
using SessionRec.Training.Evaluation;

namespace SessionRec.Training.Tuning;

/// <summary>What a blend search maximizes: MRR@K, or HR@K among settings whose MRR@K reaches a floor.</summary>
public sealed record HybridObjective(bool HitRate = false, double MinMrr = 0)
{
    public static readonly HybridObjective Mrr = new();
}

/// <summary>The best blend found: one weight per part and the repeat mixture around the blend, with its figures.</summary>
public sealed record HybridChoice(float[] Weights, RepeatTrial Trial);

/// <summary>
/// Grid search of a hybrid's blend weights on a validation set: every weight vector on a grid of
/// <c>1 / steps</c> (weights summing to 1), each with its best repeat mixture (<see cref="RepeatTuner"/>). Each
/// part's lists are computed once per validation case and reused for every weight vector.
/// </summary>
public static class HybridTuner
{
    /// <param name="parts">Loaded parts (their weights are ignored); not disposed here.</param>
    /// <param name="log">Receives one line per weight vector.</param>
    /// <returns>The best blend, or null when no setting reaches the objective's MRR floor.</returns>
    public static HybridChoice? Tune(IReadOnlyList<HybridPart> parts, EvaluationSet set, int steps, HybridObjective objective,
        int k = 20, int threads = 1, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var memoized = parts.Select(p => p with { Model = new MemoizedModel(p.Model) }).ToList();
        double step = 1.0 / steps;
        HybridChoice? best = null;
        foreach (var grid in WeightGrid(parts.Count, steps))
        {
            float[] weights = [.. grid.Select(w => (float)Math.Round(w * step, 4))];
            // Not disposed: the memoized parts wrap the caller's models.
            var hybrid = new HybridModel([.. memoized.Select((p, i) => p with { Weight = weights[i] })]);
            var trials = RepeatTuner.Tune(hybrid, set, RepeatModelStore.DefaultsFor(HybridModel.TypeName), k, threads);
            var top = objective.HitRate
                ? trials.Where(t => t.Mrr >= objective.MinMrr).OrderByDescending(t => t.HitRate).ThenByDescending(t => t.Mrr).FirstOrDefault()
                : trials[0];
            var plain = trials.First(t => t.Options.Weight == 0);
            string shown = Describe(weights);
            if (top is null)
            {
                log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                    $"weights {shown}: no repeat mixture reaches MRR@{k} {objective.MinMrr} (best {trials[0].HitRate:F4} / {trials[0].Mrr:F4})"));
                continue;
            }

            log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"weights {shown}: HR@{k} {top.HitRate:F4} MRR@{k} {top.Mrr:F4} with repeat weight {top.Options.Weight} decay {top.Options.Decay} (without the mixture: {plain.HitRate:F4} / {plain.Mrr:F4})"));
            bool better = best is null || (objective.HitRate
                ? top.HitRate > best.Trial.HitRate || (top.HitRate == best.Trial.HitRate && top.Mrr > best.Trial.Mrr)
                : top.Mrr > best.Trial.Mrr);
            if (better)
            {
                best = new HybridChoice(weights, top);
            }
        }

        return best;
    }

    public static string Describe(IEnumerable<float> weights) =>
        string.Join(", ", weights.Select(w => w.ToString("0.##", CultureInfo.InvariantCulture)));

    /// <summary>Every way to share <paramref name="steps"/> grid steps among <paramref name="parts"/> parts, the first part's share ascending.</summary>
    private static IEnumerable<int[]> WeightGrid(int parts, int steps)
    {
        if (parts == 1)
        {
            yield return [steps];
            yield break;
        }

        for (int first = 0; first <= steps; first++)
        {
            foreach (var rest in WeightGrid(parts - 1, steps - first))
            {
                yield return [first, .. rest];
            }
        }
    }
}
