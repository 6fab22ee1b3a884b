using SessionRec.Core.Items;
using SessionRec.Core.Ranking;
using SessionRec.Models.Repeat;

namespace SessionRec.Models.Knn.Online;

/// <summary>
/// Session-kNN that has learned from live traffic: the served V-SKNN's training sessions followed by sessions that
/// ended while serving (newest last, so they are the most recent neighbours). Items the model did not know join its
/// vocabulary when <paramref name="known"/> accepts them (the catalog lists them), so a product launched today is
/// recommended by the model as soon as finished sessions contain it. Nothing is trained: V-SKNN is its sessions.
/// </summary>
public static class OnlineVsknn
{
    /// <summary>Whether <paramref name="served"/> (possibly inside its repeat mixture) is session-kNN that can learn.</summary>
    public static VsknnModel? BaseOf(INextItemModel served) => RepeatAwareModel.Unwrap(served) as VsknnModel;

    /// <summary>
    /// <paramref name="baseModel"/> extended by <paramref name="ended"/>, wrapped in the same repeat mixture as
    /// <paramref name="served"/>. Base sessions are shared, not copied (indices of known items do not change).
    /// </summary>
    public static INextItemModel Extend(INextItemModel served, VsknnModel baseModel, IReadOnlyList<string[]> ended, Func<string, bool> known)
    {
        ArgumentNullException.ThrowIfNull(served);
        ArgumentNullException.ThrowIfNull(baseModel);
        ArgumentNullException.ThrowIfNull(ended);
        ArgumentNullException.ThrowIfNull(known);
        var vocabulary = baseModel.Vocabulary;
        var added = new List<string>();
        var addedIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var sessions = new List<int[]>(baseModel.Sessions.Count + ended.Count);
        sessions.AddRange(baseModel.Sessions);
        var buffer = new List<int>();
        foreach (var session in ended)
        {
            buffer.Clear();
            int addedBefore = added.Count;
            foreach (var item in session)
            {
                if (vocabulary.TryGetIndex(item, out int index) || addedIndex.TryGetValue(item, out index))
                {
                    buffer.Add(index);
                }
                else if (known(item))
                {
                    added.Add(item);
                    index = vocabulary.Count + added.Count;
                    addedIndex[item] = index;
                    buffer.Add(index);
                }
            }

            if (buffer.Count >= 2)
            {
                sessions.Add([.. buffer]);
            }
            else
            {
                // A session that pairs nothing teaches nothing, so its new items stay out of the vocabulary.
                foreach (var item in added.Skip(addedBefore))
                {
                    addedIndex.Remove(item);
                }

                added.RemoveRange(addedBefore, added.Count - addedBefore);
            }
        }

        var grown = added.Count == 0 ? vocabulary : new ItemVocabulary(vocabulary.Ids.Concat(added));
        var model = new VsknnModel(grown, sessions, baseModel.Options);
        return served is RepeatAwareModel repeat ? new RepeatAwareModel(model, repeat.Options) : model;
    }
}
