using SessionRec.Models.Knn;
using SessionRec.Models.ModelDirectory;

namespace SessionRec.Models.Rules;

/// <summary>Sequential-rules directories (manifest type "sr"): items.txt and sessions.txt, rules built on load.</summary>
public sealed class SequentialRulesModelKind : SessionKnnModelKind<SequentialRulesModel>
{
    public override string Name => SequentialRulesModel.TypeName;

    protected override async Task<SequentialRulesModel> LoadModelAsync(
        string directory, ModelManifest manifest, ModelLoadOptions options, CancellationToken cancellationToken) =>
        await SequentialRulesModelStore.LoadAsync(directory, manifest, cancellationToken).ConfigureAwait(false);

    protected override IReadOnlyList<int[]> SessionsOf(SequentialRulesModel model) => model.Sessions;
}
