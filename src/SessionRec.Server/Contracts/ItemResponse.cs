namespace SessionRec.Server.Contracts;

public sealed record ItemResponse(string ItemId, string Name, string Category, IReadOnlyDictionary<string, string> Attributes, bool Available = true);

/// <summary>What a catalog batch changed.</summary>
public sealed record CatalogBatchResponse(int Created, int Updated, int Items);

/// <summary>One recent catalog write, for the dashboard.</summary>
public sealed record CatalogChangeResponse(string ItemId, string Name, string Category, bool Available, bool Created, DateTimeOffset At);

/// <summary>The body of PUT /items/{item_id}: fields left out keep their value (a new item: name = id, no category,
/// available, no properties). Property values are strings, numbers or booleans.</summary>
public sealed record CatalogItemRequest(string? Name, string? Category, bool? Available, IReadOnlyDictionary<string, string>? Properties);

/// <summary>One entry of POST /items/batch.</summary>
public sealed record CatalogBatchEntry(string ItemId, string? Name, string? Category, bool? Available, IReadOnlyDictionary<string, string>? Properties);

/// <summary>Catalog items matching a search, and every category (for the dashboard's "try it" panel).</summary>
public sealed record CatalogSearchResponse(IReadOnlyList<ItemResponse> Items, IReadOnlyList<string> Categories);
