using System.Text.Json;
using SessionRec.Core.Catalog;

namespace SessionRec.Server.Validation;

/// <summary>
/// Reads catalog writes: one entry (<c>PUT /items/{item_id}</c>) or a batch (a JSON array, or JSON Lines, of entries
/// with their <c>item_id</c>). Every entry is checked before anything is written, and a 400 names the entry and field
/// (<c>[3].available</c>, <c>line 4.name</c>).
/// </summary>
public static class CatalogEntries
{
    public const int MaxBatchEntries = 10_000;
    public const int MaxBatchBytes = 16 * 1024 * 1024;
    public const int MaxProperties = 64;

    private static readonly string[] PutFields = ["name", "category", "available", "properties"];
    private static readonly string[] BatchFields = ["item_id", "name", "category", "available", "properties"];

    /// <summary>The body of <c>PUT /items/{item_id}</c>; the id comes from the route.</summary>
    public static CatalogUpdate ReadOne(JsonElement entry, string itemId) => Read(entry, itemId, string.Empty, PutFields);

    public static async Task<IReadOnlyList<CatalogUpdate>> ReadBatchAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (buffer, length) = await JsonBody.ReadBytesAsync(request, MaxBatchBytes, jsonLines: true, cancellationToken);
        var body = buffer.AsMemory(0, length);
        int start = body.Span.IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0)
        {
            throw new RequestProblem(null, "The request body is empty; a JSON array of items (or JSON Lines) is required.");
        }

        return body.Span[start] == (byte)'[' ? ReadArray(body) : ReadLines(body);
    }

    private static List<CatalogUpdate> ReadArray(ReadOnlyMemory<byte> body)
    {
        using var document = Parse(body, null);
        var root = document.RootElement;
        int count = root.GetArrayLength();
        CheckCount(count);
        var updates = new List<CatalogUpdate>(count);
        int i = 0;
        foreach (var entry in root.EnumerateArray())
        {
            updates.Add(ReadEntry(entry, $"[{i++}]."));
        }

        return updates;
    }

    private static List<CatalogUpdate> ReadLines(ReadOnlyMemory<byte> body)
    {
        var updates = new List<CatalogUpdate>();
        int line = 0;
        while (!body.IsEmpty)
        {
            line++;
            int end = body.Span.IndexOf((byte)'\n');
            var text = end < 0 ? body : body[..end];
            body = end < 0 ? ReadOnlyMemory<byte>.Empty : body[(end + 1)..];
            if (text.Span.IndexOfAnyExcept(" \t\r"u8) < 0)
            {
                continue;
            }

            CheckCount(updates.Count + 1);
            using var document = Parse(text, $"line {line}");
            updates.Add(ReadEntry(document.RootElement, $"line {line}."));
        }

        CheckCount(updates.Count);
        return updates;
    }

    private static CatalogUpdate ReadEntry(JsonElement entry, string prefix)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new RequestProblem(prefix.TrimEnd('.'), $"'{prefix.TrimEnd('.')}' must be a JSON object.");
        }

        if (!JsonFields.TryGet(entry, "item_id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            throw new RequestProblem(prefix + "item_id", $"'{prefix}item_id' is required and must be a string.");
        }

        string itemId = JsonBody.ValidateId(prefix + "item_id", JsonFields.ReadString(prefix + "item_id", id));
        return Read(entry, itemId, prefix, BatchFields);
    }

    private static CatalogUpdate Read(JsonElement entry, string itemId, string prefix, ReadOnlySpan<string> fields)
    {
        JsonFields.OnlyKnown(entry, prefix, fields);
        string? category = null;
        if (JsonFields.TryGet(entry, "category", out var value))
        {
            string path = prefix + "category";
            category = value.ValueKind == JsonValueKind.String
                ? JsonFields.ReadString(path, value) is { Length: 0 } ? string.Empty : JsonBody.ValidateId(path, JsonFields.ReadString(path, value))
                : throw new RequestProblem(path, $"'{path}' must be a string.");
        }

        return new CatalogUpdate(
            itemId,
            JsonFields.Text(entry, "name", prefix + "name"),
            category,
            JsonFields.Bool(entry, "available", prefix + "available"),
            Properties(entry, prefix + "properties"));
    }

    /// <summary>String, number or boolean values (kept as text, as the catalog file's extra columns are).</summary>
    private static Dictionary<string, string>? Properties(JsonElement entry, string path)
    {
        if (JsonFields.Object(entry, "properties", path) is not { } obj)
        {
            return null;
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            if (properties.Count == MaxProperties)
            {
                throw new RequestProblem(path, $"'{path}' may hold at most {MaxProperties} properties.");
            }

            string name = JsonBody.ValidateId(path, JsonFields.PropertyName(property, path));
            string field = $"{path}.{name}";
            properties[name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => JsonFields.ValidateText(field, JsonFields.ReadString(field, property.Value), allowEmpty: true),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                _ => throw new RequestProblem(field, $"'{field}' must be a string, a number or a boolean."),
            };
        }

        return properties;
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> json, string? where)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            throw new RequestProblem(where, where is null ? "The request body is not valid JSON." : $"The body's {where} is not valid JSON.");
        }
    }

    private static void CheckCount(int count)
    {
        if (count == 0 || count > MaxBatchEntries)
        {
            throw new RequestProblem(null, $"A batch holds between 1 and {MaxBatchEntries} items.");
        }
    }
}
