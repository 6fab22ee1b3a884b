using System.Text.Json.Nodes;
using SessionRec.Models.ModelDirectory;

namespace SessionRec.Models.Sasrec;

/// <summary>
/// SASRec directories (manifest type "sasrec"): model.onnx (the session encoder, run by ONNX Runtime) and
/// item_embeddings.npy (the item table, searched by the index the host configures).
/// </summary>
public sealed class SasrecModelKind : ModelKind<EmbeddingModel>
{
    public override string Name => SasrecArtifact.ModelName;

    protected override async Task<EmbeddingModel> LoadModelAsync(
        string directory, ModelManifest manifest, ModelLoadOptions options, CancellationToken cancellationToken)
    {
        var vocabulary = await ModelFiles.ReadItemsAsync(directory, cancellationToken).ConfigureAwait(false);
        return await SasrecArtifact.LoadAsync(directory, vocabulary, MaxLenOf(manifest), options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The item table was checked finite when read; here the encoder runs once on a one-item session, which catches
    /// non-finite or broken encoder weights before the model may serve.
    /// </summary>
    protected override IEnumerable<string> CheckModel(EmbeddingModel model)
    {
        if (model.Encoder.Dimension != model.Index.Dimension)
        {
            yield return $"encoder dimension {model.Encoder.Dimension} differs from item dimension {model.Index.Dimension}";
            yield break;
        }

        var probe = new float[model.Encoder.Dimension];
        model.Encoder.Encode([1], probe);
        if (SasrecArtifact.IndexOfNonFinite(probe) >= 0)
        {
            yield return "the encoder returns non-finite values";
        }
    }

    protected override ModelDescription DescribeModel(EmbeddingModel model) =>
        new(Name, model.Vocabulary.Count, model.Index.GetType().Name, TrainingCounts: null);

    // Only a model without max_len metadata (e.g. some PyTorch exports) needs the manifest's value.
    private static int? MaxLenOf(ModelManifest manifest) =>
        manifest.HyperParameters.TryGetPropertyValue("max_len", out var node)
        && node is JsonValue value && value.TryGetValue(out int maxLen)
            ? maxLen
            : null;
}
