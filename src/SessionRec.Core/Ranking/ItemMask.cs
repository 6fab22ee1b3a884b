namespace SessionRec.Core.Ranking;

/// <summary>
/// The items a ranking may return, as a bit per dense index (see <see cref="Items.ItemVocabulary"/>); the default
/// value allows every item. Models test it only for candidates that would enter their top-k, so applying it costs
/// next to nothing however many items it hides.
/// </summary>
public readonly struct ItemMask
{
    private readonly ulong[]? _words;

    public ItemMask(ulong[] words) => _words = words ?? throw new ArgumentNullException(nameof(words));

    /// <summary>No restriction.</summary>
    public bool IsAll => _words is null;

    /// <summary>Words needed for indices 0..<paramref name="count"/>.</summary>
    public static int WordsFor(int count) => (count >> 6) + 1;

    public bool Contains(int index)
    {
        if (_words is null)
        {
            return true;
        }

        int word = index >> 6;
        return (uint)word < (uint)_words.Length && (_words[word] & (1UL << index)) != 0;
    }

    public static void Set(Span<ulong> words, int index) => words[index >> 6] |= 1UL << index;

    public static void Clear(Span<ulong> words, int index) => words[index >> 6] &= ~(1UL << index);
}
