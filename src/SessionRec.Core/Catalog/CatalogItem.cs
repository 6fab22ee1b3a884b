namespace SessionRec.Core.Catalog;

/// <summary>One catalog entry. Columns beyond id, name and category are kept as <see cref="Attributes"/>.</summary>
public sealed record CatalogItem(string ItemId, string Name, string Category, IReadOnlyDictionary<string, string> Attributes);
