using SessionRec.Core.Ranking;

namespace SessionRec.Models.Popularity;

/// <summary>Counting and walking a popularity order; shared by the popularity model and V-SKNN's fallback.</summary>
internal static class PopularityRanking
{
    public static long[] Count(int itemCount, IEnumerable<int[]> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var counts = new long[itemCount + 1];
        foreach (var s in sequences)
        {
            foreach (int item in s)
            {
                if (item > 0 && item <= itemCount)
                {
                    counts[item]++;
                }
            }
        }

        return counts;
    }

    /// <summary>Indices 1..N by count descending, then index ascending.</summary>
    public static int[] Order(long[] counts)
    {
        int[] order = [.. Enumerable.Range(1, counts.Length - 1)];
        Array.Sort(order, (a, b) => counts[a] != counts[b] ? counts[b].CompareTo(counts[a]) : a.CompareTo(b));
        return order;
    }

    /// <summary>
    /// Appends items in popularity order to <paramref name="destination"/> from position <paramref name="filled"/>,
    /// skipping <paramref name="exclude"/> and the items already written; returns the new count. Each item's score is its
    /// count, or <paramref name="fixedScore"/> when given (a fallback below other scores keeps the list descending).
    /// </summary>
    public static int Fill(int[] ranking, long[] counts, ReadOnlySpan<int> exclude, Span<ScoredItem> destination, int filled, float? fixedScore = null) =>
        Fill(ranking, counts, exclude, default, destination, filled, fixedScore);

    /// <summary><see cref="Fill(int[], long[], ReadOnlySpan{int}, Span{ScoredItem}, int, float?)"/> with items in <paramref name="mask"/> only.</summary>
    public static int Fill(int[] ranking, long[] counts, ReadOnlySpan<int> exclude, ItemMask mask, Span<ScoredItem> destination, int filled, float? fixedScore = null)
    {
        var already = destination[..filled];
        for (int r = 0; r < ranking.Length && filled < destination.Length; r++)
        {
            int item = ranking[r];
            if (!mask.Contains(item) || exclude.Contains(item) || Contains(already, item))
            {
                continue;
            }

            destination[filled++] = new ScoredItem(item, fixedScore ?? counts[item]);
        }

        return filled;
    }

    private static bool Contains(ReadOnlySpan<ScoredItem> items, int index)
    {
        foreach (var s in items)
        {
            if (s.Index == index)
            {
                return true;
            }
        }

        return false;
    }
}
