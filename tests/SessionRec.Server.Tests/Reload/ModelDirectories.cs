using SessionRec.Core.Items;
using SessionRec.Models.Knn;
using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Popularity;
using SessionRec.Models.Sasrec;
using SessionRec.Training.Sasrec;

namespace SessionRec.Server.Tests.Reload;

/// <summary>Small V-SKNN and SASRec (random weights) directories over the same 300 items, written for reload tests.</summary>
internal static class ModelDirectories
{
    public static ItemVocabulary Items(string prefix = "item") => new(Enumerable.Range(1, 300).Select(i => $"{prefix}{i}"));

    public static string Vsknn(string parent, string name, string prefix = "item")
    {
        string dir = Path.Combine(parent, name);
        var random = new Random(name.Length);
        var sessions = Enumerable.Range(0, 400).Select(_ => Enumerable.Range(0, 4).Select(_ => random.Next(1, 301)).ToArray()).ToArray();
        VsknnModelStore.Save(dir, new VsknnModel(Items(prefix), sessions));
        ModelFiles.WriteManifest(dir, new ModelManifest { Type = VsknnModel.TypeName });
        return dir;
    }

    public static string Popularity(string parent, string name)
    {
        string dir = Path.Combine(parent, name);
        PopularityModelStore.Save(dir, new PopularityModel(Items(), [0, .. Enumerable.Range(1, 300).Select(i => (long)(1000 / i))]));
        ModelFiles.WriteManifest(dir, new ModelManifest { Type = PopularityModel.TypeName });
        return dir;
    }

    public static string Sasrec(string parent, string name, bool poisoned = false)
    {
        string dir = Path.Combine(parent, name);
        WriteSasrec(dir, poisoned);
        return dir;
    }

    /// <summary>A SASRec directory (ONNX encoder + item embeddings) with seeded random weights over <see cref="Items"/>;
    /// <paramref name="poisoned"/> puts a NaN into one item's embedding.</summary>
    public static void WriteSasrec(string dir, bool poisoned = false)
    {
        var vocabulary = Items();
        var weights = new SasrecWeights(new SasrecConfig { ItemCount = vocabulary.Count, Dim = 16, Blocks = 1, Heads = 2, MaxLen = 10, FfnDim = 16 });
        var random = new Random(3);
        foreach (var table in new[] { weights.ItemEmbedding, weights.PositionEmbedding }.Concat(weights.Blocks.SelectMany(b => new[] { b.Wq, b.Wk, b.Wv, b.Wo, b.W1, b.W2 })))
        {
            for (int i = 0; i < table.Length; i++)
            {
                table[i] = (float)(random.NextDouble() - 0.5);
            }
        }

        Array.Clear(weights.ItemEmbedding, 0, 16); // padding row
        if (poisoned)
        {
            weights.ItemEmbedding[16 * 7 + 3] = float.NaN;
        }

        SasrecArtifactWriter.Write(weights, dir);
        ModelFiles.WriteItems(dir, vocabulary);
        ModelFiles.WriteManifest(dir, new ModelManifest { Type = SasrecArtifact.ModelName });
    }
}
