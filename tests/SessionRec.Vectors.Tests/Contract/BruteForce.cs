using SessionRec.Core.Ranking;

namespace SessionRec.Vectors.Tests.Contract;

/// <summary>The reference answer: every visible row scored in double precision, best first, ties to the lower index.</summary>
internal static class BruteForce
{
    public static ScoredItem[] TopK(
        float[] embeddings, int dimension, float[] query, int k, IEnumerable<int> exclude, Func<int, bool>? visible = null)
    {
        var excluded = exclude.ToHashSet();
        int rows = embeddings.Length / dimension;
        return [.. Enumerable.Range(1, rows - 1)
            .Where(i => !excluded.Contains(i) && (visible?.Invoke(i) ?? true))
            .Select(i => new ScoredItem(i, Dot(embeddings.AsSpan(i * dimension, dimension), query)))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Index)
            .Take(k)];
    }

    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int j = 0; j < a.Length; j++)
        {
            sum += a[j] * (double)b[j];
        }

        return (float)sum;
    }

    public static float[] RandomMatrix(Random rng, int rows, int dimension) =>
        [.. Enumerable.Range(0, rows * dimension).Select(_ => (rng.NextSingle() * 2f) - 1f)];
}
