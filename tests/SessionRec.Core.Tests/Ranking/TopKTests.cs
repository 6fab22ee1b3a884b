using SessionRec.Core.Ranking;

namespace SessionRec.Core.Tests.Ranking;

public class TopKTests
{
    [Fact]
    public void Select_returns_best_first_skipping_padding_and_excluded()
    {
        float[] scores = [100f, 0.5f, 3f, 2f, 3f, -1f, 7f];
        var top = new ScoredItem[3];

        int n = TopK.Select(scores, exclude: [6], top);

        Assert.Equal(3, n);
        Assert.Equal([2, 4, 3], top.Select(t => t.Index));
        Assert.Equal([3f, 3f, 2f], top.Select(t => t.Score));
    }

    [Fact]
    public void Select_matches_a_full_sort_on_random_scores()
    {
        var rng = new Random(7);
        float[] scores = [.. Enumerable.Range(0, 1000).Select(_ => (float)rng.NextDouble())];
        int[] exclude = [5, 17, 999];
        var top = new ScoredItem[25];

        TopK.Select(scores, exclude, top);

        var expected = Enumerable.Range(1, 999).Where(i => !exclude.Contains(i))
            .OrderByDescending(i => scores[i]).ThenBy(i => i).Take(25);
        Assert.Equal(expected, top.Select(t => t.Index));
    }

    [Fact]
    public void Select_returns_fewer_when_the_catalog_runs_out()
    {
        var top = new ScoredItem[10];
        Assert.Equal(2, TopK.Select([0f, 1f, 2f, 3f], [1], top));
    }
}
