namespace SessionRec.Core.Catalog;

/// <summary>
/// One immutable state of the catalog: entries by id, ids in load order, ids by category, and the run-time additions
/// (newest last) that cold start offers the bandit. <see cref="Version"/> grows with every change, so anything derived
/// from a snapshot (per-category masks) knows when to rebuild.
/// </summary>
public sealed class CatalogSnapshot
{
    /// <summary>How many run-time additions are kept as candidates for discovery.</summary>
    public const int RecentlyAddedLimit = 100;

    private CatalogSnapshot(Dictionary<string, CatalogItem> items, List<string> ids, Dictionary<string, List<string>> byCategory, List<string> added, long version)
    {
        Items = items;
        Ids = ids;
        IdsByCategory = byCategory;
        RecentlyAdded = added;
        Version = version;
    }

    public static CatalogSnapshot Empty { get; } = new(new(StringComparer.Ordinal), [], new(StringComparer.Ordinal), [], 0);

    public IReadOnlyDictionary<string, CatalogItem> Items { get; }

    public IReadOnlyList<string> Ids { get; }

    /// <summary>Every category any item has (available or not), with its items in load order.</summary>
    public IReadOnlyDictionary<string, List<string>> IdsByCategory { get; }

    /// <summary>Items added after start, newest last.</summary>
    public IReadOnlyList<string> RecentlyAdded { get; }

    public long Version { get; }

    public int Count => Items.Count;

    public bool HasCategory(string category) => IdsByCategory.ContainsKey(category);

    /// <summary>A copy with <paramref name="items"/> written (replacing entries of the same id).</summary>
    public CatalogSnapshot With(IEnumerable<CatalogItem> items, out int created)
    {
        var map = new Dictionary<string, CatalogItem>(Items.Count + 16, StringComparer.Ordinal);
        foreach (var (id, item) in Items)
        {
            map[id] = item;
        }

        var ids = new List<string>(Ids);
        var added = new List<string>(RecentlyAdded);
        bool seeding = Version == 0;
        created = 0;
        foreach (var item in items)
        {
            if (map.TryAdd(item.ItemId, item))
            {
                ids.Add(item.ItemId);
                created++;
                if (!seeding)
                {
                    added.Add(item.ItemId);
                }
            }
            else
            {
                map[item.ItemId] = item;
            }
        }

        if (added.Count > RecentlyAddedLimit)
        {
            added.RemoveRange(0, added.Count - RecentlyAddedLimit);
        }

        var byCategory = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var category = map[id].Category;
            if (!byCategory.TryGetValue(category, out var list))
            {
                byCategory[category] = list = [];
            }

            list.Add(id);
        }

        return new CatalogSnapshot(map, ids, byCategory, added, Version + 1);
    }
}
