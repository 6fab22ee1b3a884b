using SessionRec.Core.Items;

namespace SessionRec.Models.Data;

/// <summary>
/// Reads <c>user item item ...</c> files (one user per line, items in time order, separated by spaces or tabs).
/// Blank lines are skipped; a line with a user but no item, or a user seen twice, is malformed.
/// </summary>
public static class SequenceFileReader
{
    private static readonly char[] Separators = [' ', '\t'];

    /// <param name="vocabulary">
    /// Map through this vocabulary (unknown items are dropped, and users left with no item too); null builds a new
    /// vocabulary in order of first appearance.
    /// </param>
    public static SessionDataset Read(string path, ItemVocabulary? vocabulary = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var indexer = new ItemIndexer(vocabulary);
        var sequences = new List<int[]>();
        var ids = new List<string>();
        var seenUsers = new HashSet<string>(StringComparer.Ordinal);
        var buffer = new List<int>();

        using var reader = new StreamReader(path);
        long lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var tokens = line.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0)
            {
                continue;
            }

            if (tokens.Length < 2)
            {
                throw new DataFormatException(path, lineNumber, $"user '{tokens[0]}' has no items (expected 'user item item ...').");
            }

            if (!seenUsers.Add(tokens[0]))
            {
                throw new DataFormatException(path, lineNumber, $"user '{tokens[0]}' appears on more than one line.");
            }

            buffer.Clear();
            for (int t = 1; t < tokens.Length; t++)
            {
                int index = indexer.IndexOf(tokens[t]);
                if (index > 0)
                {
                    buffer.Add(index);
                }
            }

            if (buffer.Count > 0)
            {
                sequences.Add([.. buffer]);
                ids.Add(tokens[0]);
            }
        }

        return new SessionDataset(indexer.BuildVocabulary(), sequences, ids, path, indexer.Dropped);
    }
}
