using System.Text.Json.Serialization;
using SessionRec.Core.Catalog;
using SessionRec.Server.Validation;

namespace SessionRec.Server.Contracts;

/// <summary>One recommended item with the catalog fields the request asked for in <c>include</c>; others are omitted.</summary>
public sealed record IncludedItem(
    string ItemId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Category = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Available = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Attributes = null);

/// <summary>The catalog fields a request may ask to have inline (<c>include</c>), as flags.</summary>
[Flags]
public enum ItemFields
{
    None = 0,
    Name = 1,
    Category = 2,
    Available = 4,
    Attributes = 8,
}

public static class ItemFieldsReader
{
    public static readonly string[] Names = ["name", "category", "available", "attributes"];

    public static ItemFields Parse(IReadOnlyList<string>? values, string field)
    {
        var fields = ItemFields.None;
        foreach (var value in values ?? [])
        {
            fields |= value switch
            {
                "name" => ItemFields.Name,
                "category" => ItemFields.Category,
                "available" => ItemFields.Available,
                "attributes" or "properties" => ItemFields.Attributes,
                _ => throw new RequestProblem(field, $"'{field}' may hold {string.Join(", ", Names)}; '{JsonFields.Printable(value)}' is not one of them."),
            };
        }

        return fields;
    }

    /// <summary>The items with the asked fields, or null when none were asked (the response then has no <c>items</c>).</summary>
    public static IReadOnlyList<IncludedItem>? Describe(IReadOnlyList<string> ids, ItemFields fields, CatalogSnapshot catalog)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(catalog);
        if (fields == ItemFields.None)
        {
            return null;
        }

        var items = new IncludedItem[ids.Count];
        for (int i = 0; i < items.Length; i++)
        {
            catalog.Items.TryGetValue(ids[i], out var item);
            items[i] = new IncludedItem(
                ids[i],
                fields.HasFlag(ItemFields.Name) ? item?.Name ?? ids[i] : null,
                fields.HasFlag(ItemFields.Category) ? item?.Category ?? string.Empty : null,
                fields.HasFlag(ItemFields.Available) ? item?.Available ?? false : null,
                fields.HasFlag(ItemFields.Attributes) ? item?.Attributes ?? new Dictionary<string, string>() : null);
        }

        return items;
    }
}
