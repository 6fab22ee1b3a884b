using SessionRec.Core.Items;

namespace SessionRec.Models.Tests.Support;

internal static class Vocabularies
{
    /// <summary>Items "i1".."iN" at indices 1..N.</summary>
    public static ItemVocabulary OfSize(int n) => new(Enumerable.Range(1, n).Select(i => "i" + i));
}
