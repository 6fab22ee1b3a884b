using SessionRec.Models.ModelDirectory;

namespace SessionRec.Models.Knn;

/// <summary>V-SKNN directories (manifest type "vsknn"): items.txt and sessions.txt, rebuilt with the manifest's options.</summary>
public sealed class VsknnModelKind : SessionKnnModelKind<VsknnModel>
{
    public override string Name => VsknnModel.TypeName;

    protected override async Task<VsknnModel> LoadModelAsync(
        string directory, ModelManifest manifest, ModelLoadOptions options, CancellationToken cancellationToken) =>
        await VsknnModelStore.LoadAsync(directory, manifest, cancellationToken).ConfigureAwait(false);

    protected override IReadOnlyList<int[]> SessionsOf(VsknnModel model) => model.Sessions;
}
