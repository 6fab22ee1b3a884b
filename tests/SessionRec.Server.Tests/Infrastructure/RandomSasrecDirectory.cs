using SessionRec.Core.Items;
using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Sasrec;
using SessionRec.Training.Sasrec;

namespace SessionRec.Server.Tests.Infrastructure;

/// <summary>A SASRec model directory with random weights: for serving tests, where speed and shape matter, not quality.</summary>
public static class RandomSasrecDirectory
{
    public static void Write(string directory, ItemVocabulary vocabulary, int dim = 16, int heads = 2, int maxLen = 10, int seed = 3)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var weights = new SasrecWeights(new SasrecConfig { ItemCount = vocabulary.Count, Dim = dim, Blocks = 1, Heads = heads, MaxLen = maxLen, FfnDim = dim });
        var random = new Random(seed);
        foreach (var table in new[] { weights.ItemEmbedding, weights.PositionEmbedding }.Concat(weights.Blocks.SelectMany(b => new[] { b.Wq, b.Wk, b.Wv, b.Wo, b.W1, b.W2 })))
        {
            for (int i = 0; i < table.Length; i++)
            {
                table[i] = (float)(random.NextDouble() - 0.5);
            }
        }

        Array.Clear(weights.ItemEmbedding, 0, dim); // padding row
        SasrecArtifactWriter.Write(weights, directory);
        ModelFiles.WriteItems(directory, vocabulary);
        ModelFiles.WriteManifest(directory, new ModelManifest { Type = SasrecArtifact.ModelName });
    }
}
