using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Popularity;

namespace SessionRec.Models.Knn;

/// <summary>
/// VMIS-kNN directories (manifest type "vmisknn"): the same items.txt and sessions.txt as V-SKNN, indexed on load
/// with the manifest's options.
/// </summary>
public sealed class VmisknnModelKind : ModelKind<VmisknnModel>
{
    public override string Name => VmisknnModel.TypeName;

    protected override async Task<VmisknnModel> LoadModelAsync(
        string directory, ModelManifest manifest, ModelLoadOptions options, CancellationToken cancellationToken) =>
        await VmisknnModelStore.LoadAsync(directory, manifest, cancellationToken).ConfigureAwait(false);

    protected override IEnumerable<string> CheckModel(VmisknnModel model) => SessionKnnChecks.Problems(model.Vocabulary, model.Sessions);

    /// <summary>The training sessions are the model, so their click counts seed cold start's trending items.</summary>
    protected override ModelDescription DescribeModel(VmisknnModel model) =>
        new(Name, model.Vocabulary.Count, ItemIndex: null, PopularityModel.Fit(model.Vocabulary, model.Sessions).Counts);
}
