using SessionRec.Core.Ranking;
using SessionRec.Models.Knn;
using SessionRec.Models.Tests.Support;

namespace SessionRec.Models.Tests.Knn;

/// <summary>
/// The hand-worked example. Training sessions, oldest first:
///   S0 = [1, 2, 3], S1 = [2, 4], S2 = [3, 4, 5], S3 = [6]
/// Current session [1, 3]: item 3 is newest (weight 1), item 1 is one step back (weight 1 − 0.1 = 0.9).
/// Candidates share an item with it: S0 (holds 1 and 3) and S2 (holds 3); S1 and S3 share nothing.
///   sim(S0) = 0.9 + 1 = 1.9, sim(S2) = 1.
/// Item scores (sum of the similarities of the neighbours holding the item):
///   1: 1.9, 2: 1.9, 3: 1.9 + 1 = 2.9, 4: 1, 5: 1, 6: none.
/// Training clicks (for the popularity fill-up): 1→1, 2→2, 3→2, 4→2, 5→1, 6→1.
/// </summary>
public class VsknnModelTests
{
    private static readonly int[][] Sessions = [[1, 2, 3], [2, 4], [3, 4, 5], [6]];

    private static VsknnModel Model(VsknnOptions? options = null) => new(Vocabularies.OfSize(6), Sessions, options);

    private static ScoredItem[] Recommend(VsknnModel model, int[] session, int[] exclude, int k)
    {
        var top = new ScoredItem[k];
        int n = model.Recommend(session, exclude, top);
        return top[..n];
    }

    [Fact]
    public void Scores_match_the_hand_worked_example()
    {
        var top = Recommend(Model(), [1, 3], exclude: [], k: 5);

        // 3 (2.9), then 1 and 2 tie at 1.9 (lower index first), then 4 and 5 tie at 1.
        Assert.Equal([3, 1, 2, 4, 5], top.Select(t => t.Index));
        Assert.Equal([2.9f, 1.9f, 1.9f, 1f, 1f], top.Select(t => t.Score), new FloatTolerance(1e-5f));
    }

    [Fact]
    public void Excluded_items_are_skipped_and_the_rest_is_filled_by_popularity_with_score_zero()
    {
        var top = Recommend(Model(), [1, 3], exclude: [1, 3], k: 10);

        // Scored: 2 (1.9), 4 (1), 5 (1); unscored and not excluded: 6, appended with score 0. Nothing else is left.
        Assert.Equal([2, 4, 5, 6], top.Select(t => t.Index));
        Assert.Equal([1.9f, 1f, 1f, 0f], top.Select(t => t.Score), new FloatTolerance(1e-5f));
    }

    [Fact]
    public void Only_the_k_most_similar_neighbours_vote()
    {
        // k = 1 keeps S0 (1.9 > 1): only 1, 2, 3 are scored; 4, 5, 6 follow in popularity order (4 has 2 clicks).
        var top = Recommend(Model(new VsknnOptions { Neighbors = 1 }), [1, 3], exclude: [1, 3], k: 4);

        Assert.Equal([2, 4, 5, 6], top.Select(t => t.Index));
        Assert.Equal([1.9f, 0f, 0f, 0f], top.Select(t => t.Score), new FloatTolerance(1e-5f));
    }

    [Fact]
    public void Sampling_keeps_the_most_recent_candidates()
    {
        // Sample 1 of {S0, S2}: S2 is more recent, so only 3, 4, 5 are scored (each 1); then 2 by popularity, then 6.
        var top = Recommend(Model(new VsknnOptions { SampleSize = 1 }), [1, 3], exclude: [1, 3], k: 4);

        Assert.Equal([4, 5, 2, 6], top.Select(t => t.Index));
        Assert.Equal([1f, 1f, 0f, 0f], top.Select(t => t.Score), new FloatTolerance(1e-5f));
    }

    [Fact]
    public void Idf_weighting_favours_rare_items()
    {
        // S = 4 sessions; df(2) = 2, df(4) = 2, df(5) = 1.
        // 2: 1.9 · (1 + ln 2) = 3.21698;  4: 1 · (1 + ln 2) = 1.69315;  5: 1 · (1 + ln 4) = 2.38629.
        var top = Recommend(Model(new VsknnOptions { IdfWeighting = 1 }), [1, 3], exclude: [1, 3], k: 3);

        Assert.Equal([2, 5, 4], top.Select(t => t.Index));
        Assert.Equal([3.21698f, 2.38629f, 1.69315f], top.Select(t => t.Score), new FloatTolerance(1e-4f));
    }

    [Fact]
    public void Normalisation_divides_by_the_root_of_the_neighbour_size()
    {
        // S0 and S2 both have 3 distinct items: sim(S0) = 1.9 / √3 = 1.09697, sim(S2) = 1 / √3 = 0.57735.
        var top = Recommend(Model(new VsknnOptions { Normalize = true }), [1, 3], exclude: [1, 3], k: 3);

        Assert.Equal([2, 4, 5], top.Select(t => t.Index));
        Assert.Equal([1.09697f, 0.57735f, 0.57735f], top.Select(t => t.Score), new FloatTolerance(1e-4f));
    }

    [Fact]
    public void Repeated_items_take_the_weight_of_their_newest_position_and_old_items_keep_the_floor()
    {
        // Session [1, 6×9, 3]: 3 is newest (1), 6's newest copy is one step back (0.9), and 1 is ten steps back:
        // 1 − 0.1·10 = 0 is floored at 0.1. sim(S0) = 0.1 + 1 = 1.1, sim(S2) = 1, sim(S3) = 0.9.
        int[] session = [1, 6, 6, 6, 6, 6, 6, 6, 6, 6, 3];

        var top = Recommend(Model(), session, exclude: [1, 3, 6], k: 3);

        Assert.Equal([2, 4, 5], top.Select(t => t.Index));
        Assert.Equal([1.1f, 1f, 1f], top.Select(t => t.Score), new FloatTolerance(1e-5f));
        Assert.Equal(0.1f, new VsknnOptions().PositionWeight(10), 6);
    }

    [Fact]
    public void An_empty_or_unknown_session_gets_the_popular_items()
    {
        var top = Recommend(Model(), [0, 99], exclude: [], k: 3);

        Assert.Equal([2, 3, 4], top.Select(t => t.Index));
    }

    [Fact]
    public void Concurrent_calls_give_the_same_results_as_sequential_ones()
    {
        var rng = new Random(11);
        var sessions = Enumerable.Range(0, 2000)
            .Select(_ => Enumerable.Range(0, rng.Next(1, 12)).Select(_ => rng.Next(1, 301)).ToArray())
            .ToArray();
        var model = new VsknnModel(Vocabularies.OfSize(300), sessions, new VsknnOptions { Neighbors = 20, SampleSize = 200, IdfWeighting = 0.5f });
        var queries = sessions.Take(400).ToArray();

        var sequential = queries.Select(q => Recommend(model, q, q, 20)).ToArray();
        var parallel = new ScoredItem[queries.Length][];
        Parallel.For(0, queries.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => parallel[i] = Recommend(model, queries[i], queries[i], 20));

        for (int i = 0; i < queries.Length; i++)
        {
            Assert.Equal(sequential[i], parallel[i]);
            Assert.Equal(20, parallel[i].Length);
            Assert.DoesNotContain(parallel[i], s => queries[i].Contains(s.Index));
        }
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentException>(() => Model(new VsknnOptions { Neighbors = 0 }));
        Assert.Throws<ArgumentException>(() => Model(new VsknnOptions { MinPositionWeight = 0 }));
        Assert.Throws<ArgumentException>(() => new VsknnModel(Vocabularies.OfSize(2), [[1, 3]]));
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => MathF.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
