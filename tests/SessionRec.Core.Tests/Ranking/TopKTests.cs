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

    /// <summary>The vector skip must not change the result: ties, NaN, infinities, exclusions, a mask, every length.</summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 2)]
    [InlineData(20, 3)]
    [InlineData(300, 4)]
    public void Select_matches_a_full_sort_with_ties_NaN_infinities_exclusions_and_a_mask(int k, int seed)
    {
        var rng = new Random(seed);
        foreach (int length in new[] { 1, 2, 7, 17, 64, 1001 })
        {
            // Few distinct values, so ties are everywhere, plus NaN and infinities.
            var scores = new float[length];
            for (int i = 0; i < length; i++)
            {
                scores[i] = rng.Next(12) switch
                {
                    0 => float.NaN,
                    1 => float.NegativeInfinity,
                    2 => float.PositiveInfinity,
                    int v => v / 4f,
                };
            }

            int[] exclude = [.. Enumerable.Range(0, length / 5).Select(_ => rng.Next(length))];
            int[] allowed = [.. Enumerable.Range(0, length).Where(_ => rng.Next(3) > 0)];
            var words = new ulong[ItemMask.WordsFor(length)];
            foreach (int item in allowed)
            {
                ItemMask.Set(words, item);
            }

            var mask = new ItemMask(words);
            foreach (var (m, keep) in new[] { (default(ItemMask), (Func<int, bool>)(_ => true)), (mask, allowed.Contains) })
            {
                var top = new ScoredItem[k];
                int count = TopK.Select(scores, exclude, m, top);

                var expected = Enumerable.Range(1, Math.Max(0, length - 1))
                    .Where(i => !float.IsNaN(scores[i]) && !exclude.Contains(i) && keep(i))
                    .OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k).ToArray();
                Assert.Equal(expected, top[..count].Select(t => t.Index));
            }
        }
    }

    [Fact]
    public void Select_keeps_replacing_the_heap_when_scores_rise()
    {
        float[] scores = [.. Enumerable.Range(0, 500).Select(i => (float)Math.Sin(i) * i)];
        var top = new ScoredItem[10];

        TopK.Select(scores, [], top);

        var expected = Enumerable.Range(1, 499).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(10);
        Assert.Equal(expected, top.Select(t => t.Index));
    }
}
