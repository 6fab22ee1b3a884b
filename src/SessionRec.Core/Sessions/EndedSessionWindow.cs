namespace SessionRec.Core.Sessions;

/// <summary>
/// Sessions that ended by expiry or eviction, newest last, as anonymous item sequences (no key, no hash, no time):
/// what session-kNN learns from online. At most <see cref="Capacity"/> are kept, oldest dropped; 0 turns it off and
/// keeps nothing. Sessions erased by request never get here (the store offers only those that ended by themselves),
/// and a one-click session is not kept (it pairs no items).
/// </summary>
public sealed class EndedSessionWindow(int capacity)
{
    private readonly Queue<string[]> _sessions = new();
    private long _absorbed;

    public static EndedSessionWindow Off { get; } = new(0);

    public int Capacity { get; } = capacity >= 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public bool Enabled => Capacity > 0;

    /// <summary>Sessions absorbed since start (changes whenever the window does).</summary>
    public long Absorbed => Interlocked.Read(ref _absorbed);

    public int Count
    {
        get
        {
            lock (_sessions)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>Keeps a copy of the ended session's items (oldest click first).</summary>
    public void Offer(ReadOnlySpan<string> items)
    {
        if (!Enabled || items.Length < 2)
        {
            return;
        }

        var copy = items.ToArray();
        lock (_sessions)
        {
            _sessions.Enqueue(copy);
            while (_sessions.Count > Capacity)
            {
                _sessions.Dequeue();
            }
        }

        Interlocked.Increment(ref _absorbed);
    }

    public IReadOnlyList<string[]> Snapshot()
    {
        lock (_sessions)
        {
            return _sessions.ToArray();
        }
    }
}
