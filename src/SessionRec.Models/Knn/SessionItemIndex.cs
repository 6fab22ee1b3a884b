namespace SessionRec.Models.Knn;

/// <summary>
/// Compressed (CSR) views of the training sessions for V-SKNN: each session's distinct items, and for each item the
/// sessions holding it in ascending order, so "most recent sessions sharing an item" is a walk from the list ends.
/// </summary>
internal sealed class SessionItemIndex
{
    public SessionItemIndex(int itemCount, IReadOnlyList<int[]> sessions)
    {
        SessionCount = sessions.Count;
        SessionOffsets = new int[sessions.Count + 1];
        var items = new List<int>();
        var lastSeenIn = new int[itemCount + 1];
        Array.Fill(lastSeenIn, -1);
        var documentFrequency = new int[itemCount + 1];
        for (int s = 0; s < sessions.Count; s++)
        {
            foreach (int item in sessions[s])
            {
                if (item <= 0 || item > itemCount)
                {
                    throw new ArgumentException($"Session {s} holds item index {item}, outside 1..{itemCount}.", nameof(sessions));
                }

                if (lastSeenIn[item] != s)
                {
                    lastSeenIn[item] = s;
                    items.Add(item);
                    documentFrequency[item]++;
                }
            }

            SessionOffsets[s + 1] = items.Count;
        }

        SessionItems = [.. items];
        DocumentFrequency = documentFrequency;

        PostingOffsets = new int[itemCount + 2];
        for (int i = 1; i <= itemCount; i++)
        {
            PostingOffsets[i + 1] = PostingOffsets[i] + documentFrequency[i];
        }

        PostingSessions = new int[SessionItems.Length];
        var next = PostingOffsets[..^1];
        for (int s = 0; s < sessions.Count; s++)
        {
            for (int p = SessionOffsets[s]; p < SessionOffsets[s + 1]; p++)
            {
                PostingSessions[next[SessionItems[p]]++] = s;
            }
        }
    }

    public int SessionCount { get; }

    public int[] SessionOffsets { get; }

    /// <summary>Distinct items of each session (V-SKNN treats a neighbour as a binary vector).</summary>
    public int[] SessionItems { get; }

    public int[] PostingOffsets { get; }

    /// <summary>For item i, <c>PostingSessions[PostingOffsets[i]..PostingOffsets[i + 1]]</c> ascending.</summary>
    public int[] PostingSessions { get; }

    /// <summary>Number of sessions holding each item.</summary>
    public int[] DocumentFrequency { get; }

    public int DistinctItems(int session) => SessionOffsets[session + 1] - SessionOffsets[session];

    public ReadOnlySpan<int> ItemsOf(int session) => SessionItems.AsSpan(SessionOffsets[session], DistinctItems(session));

    /// <summary>Points each item's cursor at its most recent posting, for <see cref="NextNewest"/>.</summary>
    public void StartCursors(ReadOnlySpan<int> items, Span<int> cursors)
    {
        for (int j = 0; j < items.Length; j++)
        {
            cursors[j] = PostingOffsets[items[j] + 1] - 1;
        }
    }

    /// <summary>
    /// One step of merging the items' posting lists from their most recent ends: the most recent session not yet
    /// visited that holds any of the items, or −1 when none is left. <paramref name="matched"/>[j] tells whether it
    /// holds item j (those cursors move on), so a session's overlap with the items costs no look at its items.
    /// </summary>
    public int NextNewest(ReadOnlySpan<int> items, Span<int> cursors, Span<bool> matched)
    {
        int newest = -1;
        for (int j = 0; j < items.Length; j++)
        {
            if (cursors[j] >= PostingOffsets[items[j]] && PostingSessions[cursors[j]] > newest)
            {
                newest = PostingSessions[cursors[j]];
            }
        }

        for (int j = 0; j < items.Length; j++)
        {
            matched[j] = newest >= 0 && cursors[j] >= PostingOffsets[items[j]] && PostingSessions[cursors[j]] == newest;
            if (matched[j])
            {
                cursors[j]--;
            }
        }

        return newest;
    }
}
