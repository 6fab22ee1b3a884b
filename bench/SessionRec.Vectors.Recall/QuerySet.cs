using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Sasrec;

namespace SessionRec.Vectors.Recall;

/// <summary>Item embeddings plus the queries to run against them, each with the items a server would exclude.</summary>
internal sealed record QuerySet(string Source, float[] Embeddings, int Dimension, float[][] Queries, int[][] Excludes)
{
    /// <summary>
    /// Real queries: the model's own session encodings of the first users' histories (minus their last item, which
    /// the model would be asked to predict), excluding the items already seen, as the server does.
    /// </summary>
    public static QuerySet FromModel(string directory, string sequences, int count)
    {
        var vocabulary = ModelFiles.ReadItems(directory);
        using var model = SasrecArtifact.Load(directory, vocabulary);
        var table = NpyFile.Read(Path.Combine(directory, SasrecArtifact.ItemEmbeddingsFileName));
        var queries = new List<float[]>();
        var excludes = new List<int[]>();
        foreach (var line in File.ReadLines(sequences))
        {
            var ids = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
            var session = ids[..^1]
                .Select(id => vocabulary.TryGetIndex(id, out int i) ? i : 0)
                .Where(i => i > 0)
                .TakeLast(50)
                .ToArray();
            if (session.Length == 0)
            {
                continue;
            }

            var query = new float[table.Columns];
            model.Encoder.Encode(session, query);
            queries.Add(query);
            excludes.Add([.. session.Distinct()]);
            if (queries.Count == count)
            {
                break;
            }
        }

        return new QuerySet(
            $"trained SASRec {directory} ({table.Rows - 1} items x {table.Columns}), queries = model encodings of {queries.Count} real histories from {sequences}",
            table.Data, table.Columns, [.. queries], [.. excludes]);
    }

    /// <summary>Stand-in when no trained model exists: clustered vectors, queries near cluster centres.</summary>
    public static QuerySet Synthetic(int items, int dimension, int count)
    {
        const int clusters = 100;
        var rng = new Random(42);
        var centres = Enumerable.Range(0, clusters).Select(_ => Gaussian(rng, dimension, 1f)).ToArray();
        var embeddings = new float[(items + 1) * dimension];
        for (int i = 1; i <= items; i++)
        {
            var centre = centres[rng.Next(clusters)];
            var noise = Gaussian(rng, dimension, 0.35f);
            for (int j = 0; j < dimension; j++)
            {
                embeddings[(i * dimension) + j] = centre[j] + noise[j];
            }
        }

        var queries = Enumerable.Range(0, count).Select(_ =>
        {
            var centre = centres[rng.Next(clusters)];
            var noise = Gaussian(rng, dimension, 0.2f);
            return centre.Zip(noise, (c, n) => c + n).ToArray();
        }).ToArray();
        var excludes = queries.Select(_ => Enumerable.Range(0, 10).Select(_ => rng.Next(1, items + 1)).ToArray()).ToArray();
        return new QuerySet($"synthetic clustered ({items} items x {dimension}, {clusters} clusters)", embeddings, dimension, queries, excludes);
    }

    private static float[] Gaussian(Random rng, int dimension, float scale) =>
        [.. Enumerable.Range(0, dimension).Select(_ =>
            scale * MathF.Sqrt(-2f * MathF.Log(1f - rng.NextSingle())) * MathF.Cos(2f * MathF.PI * rng.NextSingle()))];
}
