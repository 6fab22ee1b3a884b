using System.Globalization;
using SessionRec.Core.Items;

namespace SessionRec.Models.Data;

/// <summary>
/// Reads click logs with a header naming <c>SessionId</c>, <c>ItemId</c> and <c>Time</c> columns (any order, names
/// matched case-insensitively, extra columns ignored), tab-separated when the header holds a tab, else comma-separated.
/// Clicks of a session are ordered by time, ties in file order. Sessions are ordered by their last click (ties in order
/// of first appearance), so a later sequence is a more recent one, which V-SKNN's recency sampling relies on.
/// </summary>
public static class ClickLogReader
{
    /// <param name="vocabulary">
    /// Map through this vocabulary (unknown items are dropped, and sessions left with no item too); null builds a new
    /// vocabulary in order of first appearance in the file.
    /// </param>
    public static SessionDataset Read(string path, ItemVocabulary? vocabulary = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var indexer = new ItemIndexer(vocabulary);
        var sessions = new Dictionary<string, List<Click>>(StringComparer.Ordinal);
        var sessionOrder = new List<string>();

        using var reader = new StreamReader(path);
        string header = reader.ReadLine() ?? throw new DataFormatException(path, 1, "the file is empty (expected a header).");
        char separator = header.Contains('\t', StringComparison.Ordinal) ? '\t' : ',';
        var columns = header.Split(separator).Select(c => c.Trim().Trim('"')).ToArray();
        int sessionColumn = FindColumn(columns, "SessionId", path);
        int itemColumn = FindColumn(columns, "ItemId", path);
        int timeColumn = FindColumn(columns, "Time", path);

        long lineNumber = 1;
        long order = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(separator);
            if (fields.Length != columns.Length)
            {
                throw new DataFormatException(path, lineNumber, $"expected {columns.Length} fields separated by '{Printable(separator)}', found {fields.Length}.");
            }

            string sessionId = fields[sessionColumn].Trim();
            string itemId = fields[itemColumn].Trim();
            if (sessionId.Length == 0 || itemId.Length == 0)
            {
                throw new DataFormatException(path, lineNumber, "empty session or item id.");
            }

            if (!double.TryParse(fields[timeColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out double time) || !double.IsFinite(time))
            {
                throw new DataFormatException(path, lineNumber, $"time '{fields[timeColumn]}' is not a number.");
            }

            int item = indexer.IndexOf(itemId);
            if (item == 0)
            {
                continue;
            }

            if (!sessions.TryGetValue(sessionId, out var clicks))
            {
                clicks = [];
                sessions.Add(sessionId, clicks);
                sessionOrder.Add(sessionId);
            }

            clicks.Add(new Click(item, time, order++));
        }

        var ordered = new List<(string Id, int[] Items, double Last, int First)>(sessionOrder.Count);
        for (int s = 0; s < sessionOrder.Count; s++)
        {
            var clicks = sessions[sessionOrder[s]];
            clicks.Sort(static (a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Order.CompareTo(b.Order));
            ordered.Add((sessionOrder[s], [.. clicks.Select(c => c.Item)], clicks[^1].Time, s));
        }

        ordered.Sort(static (a, b) => a.Last != b.Last ? a.Last.CompareTo(b.Last) : a.First.CompareTo(b.First));
        return new SessionDataset(
            indexer.BuildVocabulary(),
            [.. ordered.Select(o => o.Items)],
            [.. ordered.Select(o => o.Id)],
            path,
            indexer.Dropped);
    }

    private static int FindColumn(string[] columns, string name, string path)
    {
        int index = Array.FindIndex(columns, c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
        return index >= 0
            ? index
            : throw new DataFormatException(path, 1, $"header has no '{name}' column (found: {string.Join(", ", columns)}).");
    }

    private static string Printable(char c) => c == '\t' ? "\\t" : c.ToString();

    private readonly record struct Click(int Item, double Time, long Order);
}
