using SessionRec.Models.ModelDirectory;

namespace SessionRec.Models.Popularity;

/// <summary>Popularity directories (manifest type "popularity"): items.txt and counts.txt.</summary>
public sealed class PopularityModelKind : ModelKind<PopularityModel>
{
    public override string Name => PopularityModel.TypeName;

    protected override async Task<PopularityModel> LoadModelAsync(
        string directory, ModelManifest manifest, ModelLoadOptions options, CancellationToken cancellationToken) =>
        await PopularityModelStore.LoadAsync(directory, cancellationToken).ConfigureAwait(false);

    protected override IEnumerable<string> CheckModel(PopularityModel model)
    {
        if (model.Counts.Count != model.Vocabulary.Count + 1)
        {
            yield return $"{model.Counts.Count - 1} counts for {model.Vocabulary.Count} items";
        }

        if (model.Counts.Any(c => c < 0))
        {
            yield return "a count is negative";
        }
    }

    protected override ModelDescription DescribeModel(PopularityModel model) =>
        new(Name, model.Vocabulary.Count, ItemIndex: null, model.Counts);
}
