namespace SessionRec.Core.Catalog;

/// <summary>
/// A partial write of one item (PUT /items/{id}, one batch entry): null fields keep the current value, or take a new
/// item's default (name = id, no category, available, no properties).
/// </summary>
public sealed record CatalogUpdate(
    string ItemId,
    string? Name = null,
    string? Category = null,
    bool? Available = null,
    IReadOnlyDictionary<string, string>? Properties = null)
{
    public CatalogItem ApplyTo(CatalogItem? current) => new(
        ItemId,
        Name ?? current?.Name ?? ItemId,
        Category ?? current?.Category ?? string.Empty,
        Properties ?? current?.Attributes ?? ItemCatalog.EmptyAttributes,
        Available ?? current?.Available ?? true);
}

/// <summary>One applied write: the item as it now is, whether it was new, and when.</summary>
public sealed record CatalogChange(CatalogItem Item, bool Created, DateTimeOffset At);
