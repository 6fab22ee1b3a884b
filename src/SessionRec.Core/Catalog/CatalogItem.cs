namespace SessionRec.Core.Catalog;

/// <summary>
/// One catalog entry. Columns beyond id, name and category are kept as <see cref="Attributes"/>. An unavailable item
/// (sold out, withdrawn) stays clickable (its product page still exists) but is never recommended.
/// </summary>
public sealed record CatalogItem(string ItemId, string Name, string Category, IReadOnlyDictionary<string, string> Attributes, bool Available = true)
{
    /// <summary>Reads a file's <c>available</c> column: true/false, 1/0, yes/no (any case); empty means available.</summary>
    public static bool TryParseAvailable(string? text, out bool available)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "true" or "1" or "yes":
                available = true;
                return true;
            case "false" or "0" or "no":
                available = false;
                return true;
            default:
                available = true;
                return false;
        }
    }
}
