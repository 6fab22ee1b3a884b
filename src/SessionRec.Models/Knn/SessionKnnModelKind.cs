using SessionRec.Core.Ranking;
using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Popularity;

namespace SessionRec.Models.Knn;

/// <summary>
/// What the kinds built from training sessions (V-SKNN, VMIS-kNN, sequential rules) share: their training sessions
/// are the model's files, so the check looks at them and their click counts seed cold start's trending items.
/// </summary>
public abstract class SessionKnnModelKind<TModel> : ModelKind<TModel>
    where TModel : class, INextItemModel
{
    protected abstract IReadOnlyList<int[]> SessionsOf(TModel model);

    protected sealed override IEnumerable<string> CheckModel(TModel model)
    {
        var sessions = SessionsOf(model);
        if (sessions.Count == 0)
        {
            yield return "there are no training sessions";
        }

        int items = model.Vocabulary.Count;
        if (sessions.Any(s => s.Any(i => i < 1 || i > items)))
        {
            yield return $"a training session holds an item outside 1..{items}";
        }
    }

    protected sealed override ModelDescription DescribeModel(TModel model) =>
        new(Name, model.Vocabulary.Count, ItemIndex: null, PopularityModel.Fit(model.Vocabulary, SessionsOf(model)).Counts);
}
