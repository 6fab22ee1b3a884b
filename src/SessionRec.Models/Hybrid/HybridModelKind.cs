using SessionRec.Models.ModelDirectory;

namespace SessionRec.Models.Hybrid;

/// <summary>
/// Hybrid directories (manifest type "hybrid"): each part is a model directory of its own in <c>part-N/</c>, loaded
/// and checked through the registry like any other (so a SASRec part searches the item index the host configures).
/// </summary>
/// <param name="parts">The registry that loads the parts; a function because the registry holding this kind is
/// built after it.</param>
public sealed class HybridModelKind(Func<ModelKindRegistry> parts) : ModelKind<HybridModel>
{
    /// <summary>Parts of any kind <see cref="ModelKindRegistry.Default"/> holds.</summary>
    public HybridModelKind()
        : this(static () => ModelKindRegistry.Default)
    {
    }

    public override string Name => HybridModel.TypeName;

    protected override async Task<HybridModel> LoadModelAsync(
        string directory, ModelManifest manifest, ModelLoadOptions options, CancellationToken cancellationToken)
    {
        var (directories, weights) = HybridModelStore.PartsOf(directory, manifest);
        try
        {
            return await HybridModelStore.LoadPartsAsync(parts(), directories, weights, options, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            throw new ModelDirectoryException($"{directory}: hybrid parts are malformed: {e.Message}", e);
        }
    }

    /// <summary>Each part passes its own kind's check.</summary>
    protected override IEnumerable<string> CheckModel(HybridModel model) =>
        model.Parts.SelectMany((part, p) => parts().For(part.Model).Check(part.Model).Select(problem => $"part {p}: {problem}"));

    /// <summary>
    /// The hybrid ranks the first part's vocabulary, so that part's training counts seed cold start; the index is
    /// the first one a part searches.
    /// </summary>
    protected override ModelDescription DescribeModel(HybridModel model)
    {
        var descriptions = model.Parts.Select(part => parts().For(part.Model).Describe(part.Model)).ToList();
        return new(Name, model.Vocabulary.Count, descriptions.Select(d => d.ItemIndex).FirstOrDefault(i => i is not null),
            descriptions[0].TrainingCounts);
    }
}
