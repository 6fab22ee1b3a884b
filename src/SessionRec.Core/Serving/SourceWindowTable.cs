namespace SessionRec.Core.Serving;

/// <summary>
/// Per-client-address state for one fixed time window, in process. The whole table is replaced when the window turns,
/// so it holds at most one window's addresses, and never more than <c>maxSources</c> of them: past that, a new
/// address gets no entry (the caller treats it as having nothing left) until the window turns.
/// </summary>
internal sealed class SourceWindowTable<TEntry>(TimeSpan window, int maxSources, TimeProvider time)
    where TEntry : class, new()
{
    private Window _current = new(long.MinValue);

    /// <summary><paramref name="source"/>'s entry in the current window; null when the table is full.</summary>
    public TEntry? Get(string source)
    {
        long index = time.GetUtcNow().UtcTicks / window.Ticks;
        var current = Volatile.Read(ref _current);
        if (current.Index != index)
        {
            var fresh = new Window(index);
            current = Interlocked.CompareExchange(ref _current, fresh, current) == current ? fresh : Volatile.Read(ref _current);
        }

        if (current.Entries.TryGetValue(source, out var entry))
        {
            return entry;
        }

        // A counter rather than Entries.Count, which takes every lock of the dictionary. Two racing adds of one address
        // count twice, which only makes the bound stricter.
        if (Interlocked.Increment(ref current.Tracked) > maxSources)
        {
            return null;
        }

        return current.Entries.GetOrAdd(source, static _ => new TEntry());
    }

    private sealed class Window(long index)
    {
        public int Tracked;

        public long Index { get; } = index;

        public System.Collections.Concurrent.ConcurrentDictionary<string, TEntry> Entries { get; } = new(StringComparer.Ordinal);
    }
}
