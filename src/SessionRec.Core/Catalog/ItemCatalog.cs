namespace SessionRec.Core.Catalog;

/// <summary>The items clients may click: a click on anything else is rejected.</summary>
public sealed class ItemCatalog
{
    private readonly Dictionary<string, CatalogItem> _items;

    public ItemCatalog(IEnumerable<CatalogItem> items, string source)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = new Dictionary<string, CatalogItem>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            _items[item.ItemId] = item;
        }

        Source = source;
    }

    /// <summary>Where the catalog came from (a file path, "model", "demo"), for health and logs.</summary>
    public string Source { get; }

    public int Count => _items.Count;

    /// <summary>Item ids in load order.</summary>
    public IEnumerable<string> Ids => _items.Keys;

    public bool Contains(string itemId) => _items.ContainsKey(itemId);

    public bool TryGet(string itemId, out CatalogItem item) => _items.TryGetValue(itemId, out item!);

    /// <summary>A catalog that only knows ids (e.g. a model's items.txt), named and categorised by id.</summary>
    public static ItemCatalog FromIds(IEnumerable<string> ids, string source) =>
        new(ids.Select(id => new CatalogItem(id, id, string.Empty, EmptyAttributes)), source);

    internal static readonly IReadOnlyDictionary<string, string> EmptyAttributes = new Dictionary<string, string>();
}
