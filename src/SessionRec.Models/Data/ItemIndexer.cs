using SessionRec.Core.Items;

namespace SessionRec.Models.Data;

/// <summary>
/// Assigns dense indices while a file is read: either growing a new vocabulary in order of first appearance, or
/// looking items up in a fixed one and counting the unknown ones (which the caller drops).
/// </summary>
internal sealed class ItemIndexer
{
    private readonly ItemVocabulary? _fixed;
    private readonly Dictionary<string, int> _grown = new(StringComparer.Ordinal);
    private readonly List<string> _grownIds = [];

    public ItemIndexer(ItemVocabulary? fixedVocabulary) => _fixed = fixedVocabulary;

    public long Dropped { get; private set; }

    /// <summary>Returns the dense index, or 0 when the vocabulary is fixed and does not know the item.</summary>
    public int IndexOf(string id)
    {
        if (_fixed is not null)
        {
            if (_fixed.TryGetIndex(id, out int known))
            {
                return known;
            }

            Dropped++;
            return 0;
        }

        if (!_grown.TryGetValue(id, out int index))
        {
            _grownIds.Add(id);
            index = _grownIds.Count;
            _grown.Add(id, index);
        }

        return index;
    }

    public ItemVocabulary BuildVocabulary() => _fixed ?? new ItemVocabulary(_grownIds);
}
