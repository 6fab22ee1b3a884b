using System.Globalization;
using System.Text;
using System.Text.Json;
using nietras.SeparatedValues;

namespace SessionRec.Core.Catalog;

/// <summary>
/// Reads a catalog from CSV (header row, RFC 4180 quoting, fields may hold line breaks) or JSON Lines (one object per line). Required columns:
/// <c>item_id</c>; <c>name</c>, <c>category</c> and <c>available</c> (true/false) are optional; others become attributes. Errors name file and line.
/// </summary>
public static class CatalogFileReader
{
    public static ItemCatalog Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Parse(reader, path);
    }

    /// <summary>Reads the whole file asynchronously, then parses it from memory.</summary>
    public static async Task<ItemCatalog> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = new StringReader(await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false));
        return Parse(reader, path);
    }

    // The catalog's source is shown by health: its file name, never the full path.
    private static ItemCatalog Parse(TextReader reader, string path)
    {
        var items = path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase)
            ? ReadJsonLines(reader, path)
            : ReadCsv(reader, path);
        return new ItemCatalog(items, Path.GetFileName(path));
    }

    // Sep rather than a line splitter: shop exports quote fields holding commas, quotes and line breaks.
    private static List<CatalogItem> ReadCsv(TextReader reader, string path)
    {
        var items = new List<CatalogItem>();
        try
        {
            using var csv = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true, HasHeader = true }).From(reader);
            var header = csv.Header.ColNames.Select(h => h.Trim()).ToArray();
            if (header.Length == 0)
            {
                throw new InvalidDataException($"{path}: the file is empty.");
            }

            if (Array.IndexOf(header, "item_id") < 0)
            {
                throw new InvalidDataException($"{path}:1: the header has no item_id column.");
            }

            foreach (var record in csv)
            {
                int lineNumber = record.LineNumberFrom;
                if (record.ColCount == 1 && record.Span.IsEmpty)
                {
                    continue;
                }

                if (record.ColCount != header.Length)
                {
                    throw new InvalidDataException($"{path}:{lineNumber}: expected {header.Length} fields, found {record.ColCount}.");
                }

                var row = new Dictionary<string, string>(StringComparer.Ordinal);
                for (int i = 0; i < header.Length; i++)
                {
                    row[header[i]] = record[i].ToString();
                }

                items.Add(ToItem(row, path, lineNumber));
            }
        }
        catch (Exception e) when (e is not InvalidDataException and (ArgumentException or NotSupportedException or InvalidOperationException))
        {
            throw new InvalidDataException($"{path}: malformed CSV.", e);
        }

        return items;
    }

    private static List<CatalogItem> ReadJsonLines(TextReader reader, string path)
    {
        var items = new List<CatalogItem>();
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            try
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidDataException($"{path}:{lineNumber}: expected a JSON object.");
                }

                foreach (var property in doc.RootElement.EnumerateObject())
                {
                    row[property.Name] = property.Value.ValueKind == JsonValueKind.String
                        ? property.Value.GetString()!
                        : property.Value.GetRawText();
                }
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: malformed JSON ({e.Message}).", e);
            }

            items.Add(ToItem(row, path, lineNumber));
        }

        return items;
    }

    private static CatalogItem ToItem(Dictionary<string, string> row, string path, int lineNumber)
    {
        if (!row.Remove("item_id", out var id) || string.IsNullOrWhiteSpace(id))
        {
            throw new InvalidDataException($"{path}:{lineNumber}: item_id is missing or empty.");
        }

        row.Remove("name", out var name);
        row.Remove("category", out var category);
        bool available = true;
        if (row.Remove("available", out var flag) && !CatalogItem.TryParseAvailable(flag, out available))
        {
            throw new InvalidDataException($"{path}:{lineNumber}: available must be true or false.");
        }

        return new CatalogItem(id, string.IsNullOrEmpty(name) ? id : name, category ?? string.Empty, row, available);
    }
}
