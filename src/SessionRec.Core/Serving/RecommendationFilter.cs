using SessionRec.Core.Catalog;

namespace SessionRec.Core.Serving;

/// <summary>
/// What a shop allows on one answer: only these categories (null: any), none of those, not these items. Unavailable
/// items are never allowed, filter or not.
/// </summary>
public sealed record RecommendationFilter(
    IReadOnlySet<string>? Categories = null,
    IReadOnlySet<string>? ExcludeCategories = null,
    IReadOnlySet<string>? ExcludeItems = null)
{
    public static RecommendationFilter None { get; } = new();

    /// <summary>Nothing beyond availability.</summary>
    public bool IsEmpty => Categories is null && (ExcludeCategories is null || ExcludeCategories.Count == 0) && (ExcludeItems is null || ExcludeItems.Count == 0);

    public bool Allows(CatalogItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Available
            && (Categories is null || Categories.Contains(item.Category))
            && (ExcludeCategories is null || !ExcludeCategories.Contains(item.Category))
            && (ExcludeItems is null || !ExcludeItems.Contains(item.ItemId));
    }

    /// <summary>Whether <paramref name="itemId"/> is in <paramref name="catalog"/> and allowed.</summary>
    public bool Allows(CatalogSnapshot catalog, string itemId)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Items.TryGetValue(itemId, out var item) && Allows(item);
    }

    /// <summary>The ids to fill from when trending runs short: the allowed categories' items, else the whole catalog.</summary>
    public IEnumerable<string> FillCandidates(CatalogSnapshot catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (Categories is null)
        {
            return catalog.Ids;
        }

        return Categories.Order(StringComparer.Ordinal)
            .SelectMany(c => catalog.IdsByCategory.TryGetValue(c, out var ids) ? ids : (IEnumerable<string>)[]);
    }
}
