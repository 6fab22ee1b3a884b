namespace SessionRec.Server.Configuration;

/// <summary>The item catalog (configuration section "Catalog").</summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Catalog";

    /// <summary>
    /// CSV (header with item_id, name, category, ...) or JSON Lines file. Empty: the model's items (or the demo shop's).
    /// </summary>
    public string? Path { get; set; }
}
