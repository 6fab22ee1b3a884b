using SessionRec.Core.Items;

namespace SessionRec.Models.Knn;

/// <summary>The checks both session-kNN kinds run: their training sessions are the model.</summary>
internal static class SessionKnnChecks
{
    public static IEnumerable<string> Problems(ItemVocabulary vocabulary, IReadOnlyList<int[]> sessions)
    {
        if (sessions.Count == 0)
        {
            yield return "there are no training sessions";
        }

        int items = vocabulary.Count;
        if (sessions.Any(s => s.Any(i => i < 1 || i > items)))
        {
            yield return $"a training session holds an item outside 1..{items}";
        }
    }
}
