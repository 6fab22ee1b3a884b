using System.Globalization;
using SessionRec.Models.Hybrid;
using SessionRec.Models.Repeat;
using SessionRec.Training.Evaluation;

namespace SessionRec.Training.Tuning;

/// <summary>
/// What a blend search maximizes: MRR@K; HR@K among settings whose MRR@K reaches a floor; or HR@K among settings
/// within one standard error of the best MRR@K (MRR differences smaller than that are noise, so the one that finds
/// more next clicks wins).
/// </summary>
public sealed record HybridObjective
{
    public static readonly HybridObjective Mrr = new();

    public static readonly HybridObjective HitRateWithinOneStandardError = new() { HitRate = true, OneStandardError = true };

    public bool HitRate { get; private init; }

    public double MinMrr { get; private init; }

    public bool OneStandardError { get; private init; }

    public static HybridObjective HitRateAbove(double minMrr) => new() { HitRate = true, MinMrr = minMrr };
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
    /// <param name="groups">Optional weight group of each part (0, 1, …): the grid runs over the groups and a group's
    /// weight is shared equally by its parts (e.g. several SASRec seeds averaged as one ensemble). Default: one group
    /// per part.</param>
    /// <returns>The best blend (one weight per part), or null when no setting reaches the objective's MRR floor.</returns>
    public static HybridChoice? Tune(IReadOnlyList<HybridPart> parts, EvaluationSet set, int steps, HybridObjective objective,
        int k = 20, int threads = 1, Action<string>? log = null, IReadOnlyList<int>? groups = null)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var memoized = parts.Select(p => p with { Model = new MemoizedModel(p.Model) }).ToList();
        double step = 1.0 / steps;
        var searched = new List<(float[] Weights, IReadOnlyList<RepeatTrial> Trials)>();
        groups ??= [.. Enumerable.Range(0, parts.Count)];
        int groupCount = groups.Max() + 1;
        if (groups.Count != parts.Count || groups.Min() < 0 || Enumerable.Range(0, groupCount).Any(g => !groups.Contains(g)))
        {
            throw new ArgumentException("One group per part, numbered 0, 1, … without gaps.", nameof(groups));
        }

        foreach (var grid in WeightGrid(groupCount, steps))
        {
            float[] weights = [.. groups.Select(g => (float)Math.Round(grid[g] * step / groups.Count(x => x == g), 4))];
            // Not disposed: the memoized parts wrap the caller's models.
            var hybrid = new HybridModel([.. memoized.Select((p, i) => p with { Weight = weights[i] })]);
            var trials = RepeatTuner.Tune(hybrid, set, RepeatModelStore.DefaultsFor(HybridModel.TypeName), k, threads);
            searched.Add((weights, trials));
            var plain = trials.First(t => t.Options.Weight == 0);
            var shown = Best(trials, objective.HitRate && !objective.OneStandardError ? objective.MinMrr : null);
            log?.Invoke(shown is null
                ? string.Create(CultureInfo.InvariantCulture,
                    $"weights {Describe(weights)}: no repeat mixture reaches MRR@{k} {objective.MinMrr} (best {trials[0].HitRate:F4} / {trials[0].Mrr:F4})")
                : string.Create(CultureInfo.InvariantCulture,
                    $"weights {Describe(weights)}: HR@{k} {shown.HitRate:F4} MRR@{k} {shown.Mrr:F4} with repeat weight {shown.Options.Weight} decay {shown.Options.Decay} (without the mixture: {plain.HitRate:F4} / {plain.Mrr:F4})"));
        }

        double? floor = null;
        if (objective.OneStandardError)
        {
            var top = searched.SelectMany(s => s.Trials).OrderByDescending(t => t.Mrr).ThenByDescending(t => t.HitRate).First();
            floor = top.Mrr - top.MrrStandardError;
            log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"best MRR@{k} {top.Mrr:F4} ± {top.MrrStandardError:F4}: the highest HR@{k} with MRR@{k} ≥ {floor:F4} wins"));
        }
        else if (objective.HitRate)
        {
            floor = objective.MinMrr;
        }

        HybridChoice? best = null;
        foreach (var (weights, trials) in searched)
        {
            if (Best(trials, floor) is not { } top)
            {
                continue;
            }

            bool better = best is null || (floor is not null
                ? top.HitRate > best.Trial.HitRate || (top.HitRate == best.Trial.HitRate && top.Mrr > best.Trial.Mrr)
                : top.Mrr > best.Trial.Mrr);
            if (better)
            {
                best = new HybridChoice(weights, top);
            }
        }

        return best;
    }

    /// <summary>The best MRR (no floor), or the best HR among trials with MRR at least <paramref name="floor"/>.</summary>
    private static RepeatTrial? Best(IReadOnlyList<RepeatTrial> trials, double? floor) => floor is { } f
        ? trials.Where(t => t.Mrr >= f).OrderByDescending(t => t.HitRate).ThenByDescending(t => t.Mrr).FirstOrDefault()
        : trials[0];

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
