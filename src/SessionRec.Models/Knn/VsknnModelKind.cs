using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Popularity;

namespace SessionRec.Models.Knn;

/// <summary>V-SKNN directories (manifest type "vsknn"): items.txt and sessions.txt, rebuilt with the manifest's options.</summary>
public sealed class VsknnModelKind : ModelKind<VsknnModel>
{
    public override string Name => VsknnModel.TypeName;

    protected override async Task<VsknnModel> LoadModelAsync(
        string directory, ModelManifest manifest, ModelLoadOptions options, CancellationToken cancellationToken) =>
        await VsknnModelStore.LoadAsync(directory, manifest, cancellationToken).ConfigureAwait(false);

    protected override IEnumerable<string> CheckModel(VsknnModel model) => SessionKnnChecks.Problems(model.Vocabulary, model.Sessions);

    /// <summary>The training sessions are the model, so their click counts seed cold start's trending items.</summary>
    protected override ModelDescription DescribeModel(VsknnModel model) =>
        new(Name, model.Vocabulary.Count, ItemIndex: null, PopularityModel.Fit(model.Vocabulary, model.Sessions).Counts);
}
