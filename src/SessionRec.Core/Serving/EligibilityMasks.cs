using System.Buffers;
using SessionRec.Core.Catalog;
using SessionRec.Core.Items;
using SessionRec.Core.Ranking;

namespace SessionRec.Core.Serving;

/// <summary>
/// A model vocabulary's items as bit masks, built once per catalog version: the available items, and the available
/// items of each category. A filtered request combines a few of them word by word (N/64 operations, no lookups), so
/// its cost does not grow with how many items the filter hides; an unfiltered one uses <see cref="Available"/> as is.
/// </summary>
public sealed class EligibilityMasks
{
    private readonly ulong[] _available;
    private readonly Dictionary<string, ulong[]> _byCategory = new(StringComparer.Ordinal);
    private readonly int _words;
    private readonly bool _allAvailable;

    public EligibilityMasks(CatalogSnapshot catalog, ItemVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(vocabulary);
        Catalog = catalog;
        Vocabulary = vocabulary;
        _words = ItemMask.WordsFor(vocabulary.Count);
        _available = new ulong[_words];
        int availableCount = 0;
        for (int i = 1; i <= vocabulary.Count; i++)
        {
            if (!catalog.Items.TryGetValue(vocabulary[i], out var item) || !item.Available)
            {
                continue;
            }

            ItemMask.Set(_available, i);
            if (!_byCategory.TryGetValue(item.Category, out var words))
            {
                _byCategory[item.Category] = words = new ulong[_words];
            }

            ItemMask.Set(words, i);
            availableCount++;
        }

        _allAvailable = availableCount == vocabulary.Count;
    }

    public CatalogSnapshot Catalog { get; }

    public ItemVocabulary Vocabulary { get; }

    /// <summary>Items in the catalog and available; no mask at all when that is every item, so models that cannot
    /// mask natively are not made to over-fetch for nothing.</summary>
    public ItemMask Available => _allAvailable ? default : new(_available);

    /// <summary>
    /// The mask of <paramref name="filter"/> in a pooled array (give it back with <see cref="Return"/>), or null when
    /// the filter adds nothing to <see cref="Available"/>.
    /// </summary>
    public ulong[]? Rent(RecommendationFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.IsEmpty)
        {
            return null;
        }

        var rented = ArrayPool<ulong>.Shared.Rent(_words);
        var words = rented.AsSpan(0, _words);
        rented.AsSpan(_words).Clear();
        if (filter.Categories is null)
        {
            _available.CopyTo(words);
        }
        else
        {
            words.Clear();
            foreach (var category in filter.Categories)
            {
                if (_byCategory.TryGetValue(category, out var mask))
                {
                    for (int w = 0; w < words.Length; w++)
                    {
                        words[w] |= mask[w];
                    }
                }
            }
        }

        foreach (var category in filter.ExcludeCategories ?? EmptySet)
        {
            if (_byCategory.TryGetValue(category, out var mask))
            {
                for (int w = 0; w < words.Length; w++)
                {
                    words[w] &= ~mask[w];
                }
            }
        }

        foreach (var id in filter.ExcludeItems ?? EmptySet)
        {
            if (Vocabulary.TryGetIndex(id, out int index))
            {
                ItemMask.Clear(words, index);
            }
        }

        return rented;
    }

    public static void Return(ulong[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<ulong>.Shared.Return(rented);
        }
    }

    private static readonly HashSet<string> EmptySet = [];
}
