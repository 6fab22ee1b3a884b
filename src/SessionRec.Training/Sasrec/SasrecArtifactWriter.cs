using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Sasrec;
using SessionRec.Training.Onnx;

namespace SessionRec.Training.Sasrec;

/// <summary>Writes the SASRec files that <see cref="SasrecArtifact"/> loads: the exported encoder and the item table.</summary>
public static class SasrecArtifactWriter
{
    /// <summary>Writes model.onnx and item_embeddings.npy into <paramref name="directory"/> (created if needed).</summary>
    public static void Write(SasrecWeights weights, string directory)
    {
        ArgumentNullException.ThrowIfNull(weights);
        Directory.CreateDirectory(directory);
        var config = weights.Config;
        using (var onnx = File.Create(Path.Combine(directory, SasrecArtifact.OnnxFileName)))
        {
            SasrecOnnxExporter.Write(weights, onnx);
        }

        NpyFile.Write(
            Path.Combine(directory, SasrecArtifact.ItemEmbeddingsFileName), weights.ItemEmbedding, config.ItemCount + 1, config.Dim);
    }
}
