using SessionRec.Models.ModelDirectory;

namespace SessionRec.Models.Knn;

/// <summary>
/// VMIS-kNN directories (manifest type "vmisknn"): the same items.txt and sessions.txt as V-SKNN, indexed on load
/// with the manifest's options.
/// </summary>
public sealed class VmisknnModelKind : SessionKnnModelKind<VmisknnModel>
{
    public override string Name => VmisknnModel.TypeName;

    protected override async Task<VmisknnModel> LoadModelAsync(
        string directory, ModelManifest manifest, ModelLoadOptions options, CancellationToken cancellationToken) =>
        await VmisknnModelStore.LoadAsync(directory, manifest, cancellationToken).ConfigureAwait(false);

    protected override IReadOnlyList<int[]> SessionsOf(VmisknnModel model) => model.Sessions;
}
