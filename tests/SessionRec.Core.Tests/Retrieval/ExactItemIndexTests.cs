using SessionRec.Core.Ranking;
using SessionRec.Core.Retrieval;

namespace SessionRec.Core.Tests.Retrieval;

public class ExactItemIndexTests
{
    [Fact]
    public void Search_matches_brute_force_with_exclusions()
    {
        const int rows = 501;
        const int dim = 24;
        var rng = new Random(5);
        var embeddings = RandomMatrix(rng, rows, dim);
        var index = new ExactItemIndex(embeddings, dim);
        int[] exclude = [3, 77, 250, 499];

        for (int trial = 0; trial < 5; trial++)
        {
            var query = RandomMatrix(rng, 1, dim);
            var top = new ScoredItem[20];

            int n = index.Search(query, exclude, top);

            var expected = Enumerable.Range(1, rows - 1)
                .Where(i => !exclude.Contains(i))
                .Select(i => (Index: i, Score: Dot(embeddings, i, query)))
                .OrderByDescending(x => x.Score).ThenBy(x => x.Index)
                .Take(20)
                .ToArray();
            Assert.Equal(20, n);
            Assert.Equal(expected.Select(x => x.Index), top.Select(x => x.Index));
            for (int k = 0; k < n; k++)
            {
                Assert.Equal(expected[k].Score, top[k].Score, 1e-4);
            }
        }
    }

    [Fact]
    public void The_padding_row_is_never_returned_even_when_it_scores_best()
    {
        float[] embeddings = [100f, 100f, 1f, 0f, 0f, 1f, -1f, -1f];
        var index = new ExactItemIndex(embeddings, 2);
        var top = new ScoredItem[4];

        int n = index.Search([1f, 1f], [], top);

        Assert.Equal(3, n);
        Assert.Equal([1, 2, 3], top[..n].Select(x => x.Index));
    }

    [Fact]
    public void A_short_catalog_returns_every_non_excluded_item()
    {
        float[] embeddings = [0f, 0f, 1f, 0f, 0f, 1f, 2f, 2f];
        var index = new ExactItemIndex(embeddings, 2);
        var top = new ScoredItem[10];

        int n = index.Search([1f, 0f], [3], top);

        Assert.Equal(2, n);
        Assert.Equal([new ScoredItem(1, 1f), new ScoredItem(2, 0f)], top[..n]);
    }

    [Fact]
    public void Mismatched_shapes_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new ExactItemIndex(new float[7], 2));
        var index = new ExactItemIndex(new float[8], 2);
        Assert.Throws<ArgumentException>(() => index.Search(new float[3], [], new ScoredItem[1]));
    }

    private static float[] RandomMatrix(Random rng, int rows, int dim) =>
        [.. Enumerable.Range(0, rows * dim).Select(_ => (rng.NextSingle() * 2f) - 1f)];

    private static float Dot(float[] embeddings, int row, float[] query)
    {
        double sum = 0;
        for (int j = 0; j < query.Length; j++)
        {
            sum += embeddings[(row * query.Length) + j] * query[j];
        }

        return (float)sum;
    }
}
