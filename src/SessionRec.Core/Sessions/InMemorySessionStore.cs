using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SessionRec.Core.Privacy;

namespace SessionRec.Core.Sessions;

/// <summary>
/// The embedded default: sessions in a concurrent dictionary, each guarded by its own lock, expiring through
/// <see cref="TimeProvider"/>. Memory follows what sessions hold: clicks grow a ring lazily (interned item strings,
/// keys as 128-bit values), expired sessions are reclaimed by a periodic sweep, and past
/// <see cref="SessionRetentionOptions.MaxActive"/> the least recently active session is evicted (an LRU list).
/// </summary>
public sealed class InMemorySessionStore : ISessionStore, IDisposable
{
    private readonly ConcurrentDictionary<UInt128, Entry> _sessions = new();
    private readonly TimeProvider _time;
    private readonly int _maxClicks;
    private readonly int _maxActive;
    private readonly TimeSpan _ttl;
    private readonly ITimer _sweeper;
    private readonly LruList _lru = new();
    private readonly EndedSessionWindow _ended;

    /// <param name="ended">Receives sessions that end by expiry or eviction (never erased ones); off when null.</param>
    public InMemorySessionStore(IOptions<SessionRetentionOptions> options, TimeProvider time, EndedSessionWindow? ended = null)
    {
        _ended = ended ?? EndedSessionWindow.Off;
        ArgumentNullException.ThrowIfNull(options);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _maxClicks = options.Value.MaxClicks;
        _maxActive = options.Value.MaxActive;
        _ttl = options.Value.Ttl;
        var period = ExpirySweep.PeriodFor(_ttl);
        _sweeper = _time.CreateTimer(static s => ((InMemorySessionStore)s!).SweepExpired(), this, period, period);
    }

    public string Provider => "in-memory";

    public async ValueTask AppendAsync(SessionKey key, string itemId, CancellationToken cancellationToken = default) =>
        await AppendClickAsync(key, itemId, eventId: null, cancellationToken);

    public ValueTask<ClickAppend> AppendClickAsync(SessionKey key, string itemId, string? eventId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        ulong? digest = eventId is null ? null : SessionLedgerLimits.EventDigest(eventId);
        var result = WithLiveEntry(CompactKey.From(key), entry =>
        {
            if (digest is { } d && !entry.RememberEvent(d))
            {
                return ClickAppend.Repeated;
            }

            entry.Add(itemId, _maxClicks);
            return new ClickAppend(true, entry.CountForTrending(itemId));
        });
        return ValueTask.FromResult(result);
    }

    public ValueTask<bool[]> ClaimArmsAsync(SessionKey key, IReadOnlyList<string> items, int maxRewardsPerMinute, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        long now = Now;
        return ValueTask.FromResult(WithLiveEntry(CompactKey.From(key), entry => entry.ClaimArms(items, maxRewardsPerMinute, now)));
    }

    public ValueTask<IReadOnlyList<string>> ReadAsync(SessionKey key, CancellationToken cancellationToken = default)
    {
        if (!_sessions.TryGetValue(CompactKey.From(key), out var entry))
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
            _lru.Touch(entry);
            return ValueTask.FromResult<IReadOnlyList<string>>(entry.Snapshot());
        }
    }

    public ValueTask<bool> DeleteAsync(SessionKey key, CancellationToken cancellationToken = default)
    {
        var compact = CompactKey.From(key);
        if (!_sessions.TryGetValue(compact, out var entry))
        {
            return ValueTask.FromResult(false);
        }

        lock (entry)
        {
            bool existed = !entry.Removed && entry.ExpiresAt > Now;
            Unlink(compact, entry);
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
                    Ended(entry);
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

    /// <summary>Runs <paramref name="action"/> under the lock of the session's live entry, creating or renewing it.</summary>
    private T WithLiveEntry<T>(UInt128 key, Func<Entry, T> action)
    {
        while (true)
        {
            if (!_sessions.TryGetValue(key, out var entry))
            {
                var created = new Entry(key);
                if (!_sessions.TryAdd(key, created))
                {
                    continue;
                }

                entry = created;
                _lru.Add(created);
                EvictPastCapacity();
            }

            lock (entry)
            {
                // A sweep, delete or eviction may have unlinked this entry after we fetched it; writing into it would lose the click.
                if (entry.Removed)
                {
                    continue;
                }

                long now = Now;
                if (entry.ExpiresAt <= now)
                {
                    Ended(entry); // expired before the sweep came by: the click starts a new session
                    entry.Clear();
                }

                var result = action(entry);
                entry.ExpiresAt = now + _ttl.Ticks;
                _lru.Touch(entry);
                return result;
            }
        }
    }

    private void EvictPastCapacity()
    {
        while (_lru.Count > _maxActive && _lru.TakeOldest() is Entry victim)
        {
            lock (victim)
            {
                if (!victim.Removed)
                {
                    Ended(victim);
                    Unlink(victim.Key, victim);
                }
            }
        }
    }

    /// <summary>Called under the entry's lock for sessions that ended by themselves; erasure never calls it.</summary>
    private void Ended(Entry entry)
    {
        if (_ended.Enabled)
        {
            _ended.Offer(entry.Snapshot());
        }
    }

    private void Unlink(UInt128 key, Entry entry)
    {
        entry.Removed = true;
        entry.Clear();
        _lru.Remove(entry);
        _sessions.TryRemove(new KeyValuePair<UInt128, Entry>(key, entry));
    }

    /// <summary>
    /// One session: a ring of the newest clicks that grows only as clicks arrive, and the small ledger of what the
    /// session already contributed to trending and the bandit. Item strings are the catalog's own instances.
    /// </summary>
    internal sealed class Entry(UInt128 key) : LruList.Node
    {
        // Narrow counters: their bounds (MaxClicks ≤ 1000, the ledger limits) fit, and a session is mostly overhead.
        private string[]? _ring;
        private ushort _start;
        private ushort _count;
        private string[]? _trending;
        private byte _trendingCount;
        private string[]? _arms;
        private byte _armCount;
        private ulong[]? _events;
        private byte _eventNext;
        private byte _eventsHeld;
        private ushort _rewardsThisMinute;
        private int _rewardMinute;

        public long ExpiresAt;
        public bool Removed;

        public UInt128 Key { get; } = key;

        public void Add(string itemId, int maxClicks)
        {
            if (_ring is null || (_count == _ring.Length && _ring.Length < maxClicks))
            {
                Grow(Math.Min(maxClicks, Math.Max(1, (_ring?.Length ?? 0) * 2)));
            }

            var ring = _ring!;
            if (_count < ring.Length)
            {
                ring[(_start + _count) % ring.Length] = itemId;
                _count++;
            }
            else
            {
                ring[_start] = itemId;
                _start = (ushort)((_start + 1) % ring.Length);
            }
        }

        /// <summary>True (and remembered) the first time the session clicks the item, within the ledger's bound.</summary>
        public bool CountForTrending(string itemId) =>
            TryRemember(ref _trending, ref _trendingCount, itemId, SessionLedgerLimits.MaxTrendingItems);

        /// <summary>False when the event id was already recorded (a retry); remembers the newest ids otherwise.</summary>
        public bool RememberEvent(ulong digest)
        {
            _events ??= new ulong[SessionLedgerLimits.MaxEventIds];
            if (_events.AsSpan(0, _eventsHeld).Contains(digest))
            {
                return false;
            }

            _events[_eventNext] = digest;
            _eventNext = (byte)((_eventNext + 1) % _events.Length);
            _eventsHeld = (byte)Math.Min(_eventsHeld + 1, _events.Length);
            return true;
        }

        public bool[] ClaimArms(IReadOnlyList<string> items, int maxRewardsPerMinute, long nowTicks)
        {
            var claimed = new bool[items.Count];
            int minute = (int)(nowTicks / TimeSpan.TicksPerMinute);
            if (_rewardMinute != minute)
            {
                _rewardMinute = minute;
                _rewardsThisMinute = 0;
            }

            if (_rewardsThisMinute >= maxRewardsPerMinute)
            {
                return claimed;
            }

            _rewardsThisMinute = (ushort)Math.Min(_rewardsThisMinute + 1, ushort.MaxValue);
            for (int i = 0; i < claimed.Length; i++)
            {
                claimed[i] = TryRemember(ref _arms, ref _armCount, items[i], SessionLedgerLimits.MaxBanditArms);
            }

            return claimed;
        }

        public void Clear()
        {
            _ring = null;
            _start = _count = 0;
            _trending = _arms = null;
            _trendingCount = _armCount = 0;
            _events = null;
            _eventNext = _eventsHeld = 0;
            _rewardMinute = 0;
            _rewardsThisMinute = 0;
        }

        public string[] Snapshot()
        {
            var items = new string[_count];
            for (int i = 0; i < _count; i++)
            {
                items[i] = _ring![(_start + i) % _ring.Length];
            }

            return items;
        }

        private void Grow(int capacity)
        {
            var grown = new string[capacity];
            for (int i = 0; i < _count; i++)
            {
                grown[i] = _ring![(_start + i) % _ring.Length];
            }

            _ring = grown;
            _start = 0;
        }

        private static bool TryRemember(ref string[]? set, ref byte count, string item, int max)
        {
            if (set is not null && Array.IndexOf(set, item, 0, count) >= 0)
            {
                return false;
            }

            if (count == max)
            {
                return false;
            }

            if (set is null || count == set.Length)
            {
                Array.Resize(ref set, Math.Min(max, Math.Max(1, count * 2)));
            }

            set[count] = item;
            count++;
            return true;
        }
    }
}
