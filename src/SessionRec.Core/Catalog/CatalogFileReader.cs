using System.Text;
using System.Text.Json;

namespace SessionRec.Core.Catalog;

/// <summary>
/// Reads a catalog from CSV (header row, RFC 4180 quoting) or JSON Lines (one object per line). Required columns:
/// <c>item_id</c>; <c>name</c> and <c>category</c> are optional; others become attributes. Errors name file and line.
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

    private static List<CatalogItem> ReadCsv(TextReader reader, string path)
    {
        var items = new List<CatalogItem>();
        string? headerLine = reader.ReadLine() ?? throw new InvalidDataException($"{path}: the file is empty.");
        var header = SplitCsvLine(headerLine, path, 1);
        int idColumn = header.FindIndex(h => h.Trim() == "item_id");
        if (idColumn < 0)
        {
            throw new InvalidDataException($"{path}:1: the header has no item_id column.");
        }

        int lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = SplitCsvLine(line, path, lineNumber);
            if (fields.Count != header.Count)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: expected {header.Count} fields, found {fields.Count}.");
            }

            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < header.Count; i++)
            {
                row[header[i].Trim()] = fields[i];
            }

            items.Add(ToItem(row, path, lineNumber));
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
        return new CatalogItem(id, name ?? id, category ?? string.Empty, row);
    }

    internal static List<string> SplitCsvLine(string line, string path, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw new InvalidDataException($"{path}:{lineNumber}: unterminated quoted field.");
        }

        fields.Add(field.ToString());
        return fields;
    }
}
