using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SessionRec.Core.Privacy;

namespace SessionRec.Core.Sessions;

/// <summary>
/// The embedded default: sessions in a concurrent dictionary, each guarded by its own lock, expiring through
/// <see cref="TimeProvider"/>. Expired sessions are reclaimed by a periodic sweep so memory stays bounded by the
/// number of sessions active within one TTL.
/// </summary>
public sealed class InMemorySessionStore : ISessionStore, IDisposable
{
    private readonly ConcurrentDictionary<SessionKey, Entry> _sessions = new();
    private readonly TimeProvider _time;
    private readonly int _maxClicks;
    private readonly TimeSpan _ttl;
    private readonly ITimer _sweeper;

    public InMemorySessionStore(IOptions<SessionRetentionOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _maxClicks = options.Value.MaxClicks;
        _ttl = options.Value.Ttl;
        var period = ExpirySweep.PeriodFor(_ttl);
        _sweeper = _time.CreateTimer(static s => ((InMemorySessionStore)s!).SweepExpired(), this, period, period);
    }

    public string Provider => "in-memory";

    public ValueTask AppendAsync(SessionKey key, string itemId, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var entry = _sessions.GetOrAdd(key, static (_, max) => new Entry(max), _maxClicks);
            lock (entry)
            {
                // A sweep or delete may have unlinked this entry after we fetched it; writing into it would lose the click.
                if (entry.Removed)
                {
                    continue;
                }

                long now = Now;
                if (entry.ExpiresAt <= now)
                {
                    entry.Clear();
                }

                entry.Add(itemId);
                entry.ExpiresAt = now + _ttl.Ticks;
                return ValueTask.CompletedTask;
            }
        }
    }

    public ValueTask<IReadOnlyList<string>> ReadAsync(SessionKey key, CancellationToken cancellationToken = default)
    {
        if (!_sessions.TryGetValue(key, out var entry))
        {
            return ValueTask.FromResult<IReadOnlyList<string>>([]);
        }

        lock (entry)
        {
            long now = Now;
            if (entry.Removed || entry.ExpiresAt <= now)
            {
                return ValueTask.FromResult<IReadOnlyList<string>>([]);
            }

            entry.ExpiresAt = now + _ttl.Ticks;
            return ValueTask.FromResult<IReadOnlyList<string>>(entry.Snapshot());
        }
    }

    public ValueTask<bool> DeleteAsync(SessionKey key, CancellationToken cancellationToken = default)
    {
        if (!_sessions.TryGetValue(key, out var entry))
        {
            return ValueTask.FromResult(false);
        }

        lock (entry)
        {
            bool existed = !entry.Removed && entry.ExpiresAt > Now;
            Unlink(key, entry);
            return ValueTask.FromResult(existed);
        }
    }

    public ValueTask<long> CountActiveAsync(CancellationToken cancellationToken = default)
    {
        long now = Now;
        long count = 0;
        foreach (var pair in _sessions)
        {
            // Reading ExpiresAt without the lock is a benign race: a count is a snapshot anyway.
            if (Volatile.Read(ref pair.Value.ExpiresAt) > now)
            {
                count++;
            }
        }

        return ValueTask.FromResult(count);
    }

    public ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(true);

    /// <summary>Drops every expired session; runs on a timer, public so tests can force it.</summary>
    public int SweepExpired()
    {
        long now = Now;
        int removed = 0;
        foreach (var pair in _sessions)
        {
            var entry = pair.Value;
            lock (entry)
            {
                if (!entry.Removed && entry.ExpiresAt <= now)
                {
                    Unlink(pair.Key, entry);
                    removed++;
                }
            }
        }

        return removed;
    }

    /// <summary>Entries held in memory, expired or not (for tests of reclamation).</summary>
    internal int StoredEntries => _sessions.Count;

    public void Dispose() => _sweeper.Dispose();

    private long Now => _time.GetUtcNow().UtcTicks;

    private void Unlink(SessionKey key, Entry entry)
    {
        entry.Removed = true;
        entry.Clear();
        _sessions.TryRemove(new KeyValuePair<SessionKey, Entry>(key, entry));
    }

    /// <summary>A fixed-size ring of the newest clicks.</summary>
    private sealed class Entry(int capacity)
    {
        private readonly string[] _ring = new string[capacity];
        private int _start;
        private int _count;

        public long ExpiresAt;
        public bool Removed;

        public void Add(string itemId)
        {
            if (_count < _ring.Length)
            {
                _ring[(_start + _count) % _ring.Length] = itemId;
                _count++;
            }
            else
            {
                _ring[_start] = itemId;
                _start = (_start + 1) % _ring.Length;
            }
        }

        public void Clear()
        {
            Array.Clear(_ring);
            _start = 0;
            _count = 0;
        }

        public string[] Snapshot()
        {
            var items = new string[_count];
            for (int i = 0; i < _count; i++)
            {
                items[i] = _ring[(_start + i) % _ring.Length];
            }

            return items;
        }
    }
}
