using SessionRec.Core.Items;
using SessionRec.Core.Ranking;
using SessionRec.Models.Hybrid;
using SessionRec.Models.Repeat;
using SessionRec.Training.Evaluation;
using SessionRec.Training.Tuning;

namespace SessionRec.Training.Tests.Tuning;

public class HybridTunerTests
{
    private static readonly ItemVocabulary Items = new([.. Enumerable.Range(1, 30).Select(i => $"i{i}")]);

    // Sessions [s, s + 1]: after s, the "sharp" part ranks s + 1 first for even s and misses it for odd s; the
    // "broad" part always ranks a decoy first and s + 1 second. Sharp alone: MRR 0.5, HR 0.5; broad: MRR 0.5, HR 1.
    private static readonly EvaluationSet Set = NextItemProtocol.Create([.. Enumerable.Range(1, 28).Select(s => new[] { s, s + 1 })]);

    private static IReadOnlyList<HybridPart> Parts() =>
    [
        new HybridPart(new ListModel(s => s % 2 == 0 ? [s + 1, 30] : [30]), 1f, ExploreScores.Sum),
        new HybridPart(new ListModel(s => [s + 2, s + 1]), 1f, ExploreScores.Sum),
    ];

    [Fact]
    public void The_mrr_objective_takes_the_best_mrr_and_the_one_standard_error_rule_the_best_hr_near_it()
    {
        var lines = new List<string>();

        var mrr = HybridTuner.Tune(Parts(), Set, steps: 4, HybridObjective.Mrr, k: 20, threads: 1)!;
        var oneSe = HybridTuner.Tune(Parts(), Set, steps: 4, HybridObjective.HitRateWithinOneStandardError, k: 20, threads: 1, lines.Add)!;

        // Five weight vectors on a 0.25 grid, each reported, then the floor.
        Assert.Equal(5, lines.Count(l => l.StartsWith("weights ", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("best MRR@20", StringComparison.Ordinal));
        Assert.True(mrr.Trial.MrrStandardError > 0);
        // The one-SE choice finds every target (the broad part keeps each one in the list) at an MRR within the noise.
        Assert.Equal(1.0, oneSe.Trial.HitRate, 9);
        Assert.True(oneSe.Trial.Mrr >= mrr.Trial.Mrr - mrr.Trial.MrrStandardError);
        Assert.True(oneSe.Trial.HitRate >= mrr.Trial.HitRate);
        // It is the HR-under-a-floor search with the floor at one standard error below the best MRR.
        var floored = HybridTuner.Tune(Parts(), Set, steps: 4, HybridObjective.HitRateAbove(mrr.Trial.Mrr - mrr.Trial.MrrStandardError), k: 20, threads: 1)!;
        Assert.Equal(floored.Weights, oneSe.Weights);
        Assert.Equal(floored.Trial, oneSe.Trial);
    }

    [Fact]
    public void Parts_of_one_group_share_its_weight_equally()
    {
        var lines = new List<string>();
        IReadOnlyList<HybridPart> parts = [.. Parts(), Parts()[1]];

        var choice = HybridTuner.Tune(parts, Set, steps: 4, HybridObjective.Mrr, k: 20, threads: 1, lines.Add, groups: [0, 1, 1])!;

        // The grid runs over the two groups (five vectors), not over three parts (fifteen).
        Assert.Equal(5, lines.Count(l => l.StartsWith("weights ", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("weights 0.5, 0.25, 0.25:", StringComparison.Ordinal));
        Assert.Equal(choice.Weights[1], choice.Weights[2]);
        Assert.Equal(1f, choice.Weights.Sum(), 4);
        Assert.Throws<ArgumentException>(() => HybridTuner.Tune(parts, Set, steps: 4, HybridObjective.Mrr, groups: [0, 2, 2]));
    }

    [Fact]
    public void An_unreachable_mrr_floor_finds_nothing()
    {
        Assert.Null(HybridTuner.Tune(Parts(), Set, steps: 2, HybridObjective.HitRateAbove(1.01), k: 20, threads: 1));
    }

    /// <summary>Recommends a fixed list for a session's last item, scores descending.</summary>
    private sealed class ListModel(Func<int, int[]> list) : INextItemModel
    {
        public string Name => "list";

        public ItemVocabulary Vocabulary => Items;

        public int Recommend(ReadOnlySpan<int> session, ReadOnlySpan<int> exclude, Span<ScoredItem> destination)
        {
            int[] items = list(session[^1]);
            int n = Math.Min(items.Length, destination.Length);
            for (int r = 0; r < n; r++)
            {
                destination[r] = new ScoredItem(items[r], n - r);
            }

            return n;
        }
    }
}
