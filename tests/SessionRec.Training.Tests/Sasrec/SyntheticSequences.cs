using SessionRec.Core.Items;
using SessionRec.Models.Data;
using SessionRec.Models.Tests.Support;

namespace SessionRec.Training.Tests.Sasrec;

/// <summary>Users who walk the catalog in order (item i is followed by i + 1, wrapping): a pattern only a sequence model sees.</summary>
internal static class SyntheticSequences
{
    public static SessionDataset Successors(int users, int items, int minLength, int maxLength, int seed)
    {
        var rng = new Random(seed);
        var sequences = new List<int[]>(users);
        for (int u = 0; u < users; u++)
        {
            int start = rng.Next(items);
            int length = rng.Next(minLength, maxLength + 1);
            sequences.Add([.. Enumerable.Range(0, length).Select(i => 1 + ((start + i) % items))]);
        }

        ItemVocabulary vocabulary = Vocabularies.OfSize(items);
        return new SessionDataset(vocabulary, sequences, [.. Enumerable.Range(0, users).Select(u => "u" + u)]);
    }
}
