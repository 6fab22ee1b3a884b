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

    protected override IEnumerable<string> CheckModel(VsknnModel model)
    {
        if (model.Sessions.Count == 0)
        {
            yield return "there are no training sessions";
        }

        int items = model.Vocabulary.Count;
        if (model.Sessions.Any(s => s.Any(i => i < 1 || i > items)))
        {
            yield return $"a training session holds an item outside 1..{items}";
        }
    }

    /// <summary>The training sessions are the model, so their click counts seed cold start's trending items.</summary>
    protected override ModelDescription DescribeModel(VsknnModel model) =>
        new(Name, model.Vocabulary.Count, ItemIndex: null, PopularityModel.Fit(model.Vocabulary, model.Sessions).Counts);
}
