using SessionRec.Core.Ranking;
using SessionRec.Training.Sasrec;

namespace SessionRec.Training.Tests.Sasrec;

public class ScoreRowTopKTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 2)]
    [InlineData(20, 3)]
    [InlineData(300, 4)]
    public void Selects_what_TopK_selects_with_ties_NaN_infinities_and_exclusions(int k, int seed)
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
            var expected = new ScoredItem[k];
            var actual = new ScoredItem[k];

            int expectedCount = TopK.Select(scores, exclude, expected);
            int actualCount = ScoreRowTopK.Select(scores, exclude, actual);

            Assert.Equal(expectedCount, actualCount);
            Assert.Equal(expected[..expectedCount], actual[..actualCount]);
        }
    }

    [Fact]
    public void Rising_scores_keep_replacing_the_heap()
    {
        float[] scores = [.. Enumerable.Range(0, 500).Select(i => (float)Math.Sin(i) * i)];
        var expected = new ScoredItem[10];
        var actual = new ScoredItem[10];

        Assert.Equal(TopK.Select(scores, [], expected), ScoreRowTopK.Select(scores, [], actual));
        Assert.Equal(expected, actual);
    }
}
