using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using SessionRec.Core.Metrics;
using SessionRec.Core.Privacy;
using SessionRec.Core.Sessions;
using SessionRec.Core.Telemetry;

namespace SessionRec.Core.Serving;

/// <summary>
/// The in-process <see cref="IServedRecommendationStore"/>: unresolved recommendations per session. Each can be taken
/// exactly once, by explicit feedback (by id) or by the session's next click (all pending at once), whichever comes
/// first. Records expire with the session TTL and vanish with the session on delete, which leaves a short tombstone
/// so a recommendation racing the delete cannot record anything afterwards. Bounded per session and in total: past
/// <see cref="RecommendationOptions.MaxPending"/> the least recently served session's records go first.
/// </summary>
public sealed class InMemoryServedRecommendationStore : IServedRecommendationStore, IDisposable
{
    /// <summary>Pending records kept per session; a client that asks repeatedly without clicking cannot grow memory.</summary>
    public const int MaxPendingPerSession = 5;

    /// <summary>
    /// Items kept per record: only the first <see cref="OnlineMetrics.HitRateCutoff"/> count for hit rate or teach the
    /// bandit, so a k=100 request costs no more to remember than a k=10 one.
    /// </summary>
    public const int ItemsKept = OnlineMetrics.HitRateCutoff;

    private readonly ConcurrentDictionary<UInt128, Pending> _pending = new();
    private readonly ConcurrentDictionary<UInt128, long> _tombstones = new();
    private readonly LruList _lru = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;
    private readonly long _tombstoneTicks;
    private readonly int _maxPending;
    private readonly ITimer _sweeper;
    private long _records;

    public InMemoryServedRecommendationStore(IOptions<SessionRetentionOptions> options, TimeProvider time)
        : this(options, Options.Create(new RecommendationOptions()), time)
    {
    }

    public InMemoryServedRecommendationStore(IOptions<SessionRetentionOptions> options, IOptions<RecommendationOptions> recommendations, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(recommendations);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _ttl = options.Value.Ttl;
        _tombstoneTicks = options.Value.TombstoneTtl.Ticks;
        _maxPending = recommendations.Value.MaxPending;
        var period = ExpirySweep.PeriodFor(_ttl);
        _sweeper = _time.CreateTimer(static s => ((InMemoryServedRecommendationStore)s!).SweepExpired(), this, period, period);
        SessionRecTelemetry.ObservePendingRecommendations(() => PendingCount);
    }

    /// <summary>Records held now, across sessions.</summary>
    public long PendingCount => Interlocked.Read(ref _records);

    /// <summary>Records unless the session was deleted moments ago; false when it was not recorded.</summary>
    public bool Record(ServedRecommendation recommendation)
    {
        ArgumentNullException.ThrowIfNull(recommendation);
        var key = CompactKey.From(recommendation.Session);
        var record = new Stored(recommendation.Id, [.. recommendation.Items.Take(ItemsKept)], recommendation.ColdStart, recommendation.ServedAt.UtcTicks, recommendation.Arm);
        while (true)
        {
            if (IsTombstoned(key))
            {
                return false;
            }

            var pending = _pending.GetOrAdd(key, static k => new Pending(k));
            lock (pending)
            {
                // Same unlink race as the session store: never write into a list a sweep or delete has dropped.
                if (pending.Removed)
                {
                    continue;
                }

                // Checked again under the lock: a delete that ran since sets the tombstone before it unlinks.
                if (IsTombstoned(key))
                {
                    return false;
                }

                int change = pending.Add(record);
                Interlocked.Add(ref _records, change);
                _lru.Add(pending);
                _lru.Touch(pending);
            }

            EvictPastCapacity();
            return true;
        }
    }

    /// <summary>Takes one recommendation of this session by id; null when unknown, expired or already resolved.</summary>
    public ServedRecommendation? Take(SessionKey session, string recommendationId)
    {
        ArgumentNullException.ThrowIfNull(recommendationId);
        return TakeWhere(session, r => r.HasId(recommendationId));
    }

    /// <summary>
    /// Takes the pending recommendation that served exactly <paramref name="items"/> (compared on the items kept); the
    /// original feedback form only counts when it names something this session was really served.
    /// </summary>
    public ServedRecommendation? TakeMatching(SessionKey session, IReadOnlyList<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var kept = items.Take(ItemsKept).ToArray();
        return TakeWhere(session, r => r.Items.AsSpan().SequenceEqual(kept));
    }

    /// <summary>Takes every unexpired pending recommendation of the session (its next click resolves them all).</summary>
    public IReadOnlyList<ServedRecommendation> TakeAll(SessionKey session)
    {
        if (!_pending.TryGetValue(CompactKey.From(session), out var pending))
        {
            return [];
        }

        lock (pending)
        {
            long cutoff = Cutoff;
            var held = pending.TakeAll();
            Interlocked.Add(ref _records, -held.Length);
            Unlink(pending);
            return [.. held.Where(r => r.Ticks > cutoff).Select(r => r.ToServed(session))];
        }
    }

    /// <summary>Forgets the session's records and keeps a tombstone for <see cref="SessionRetentionOptions.TombstoneTtl"/>.</summary>
    public void DeleteSession(SessionKey session)
    {
        var key = CompactKey.From(session);
        _tombstones[key] = _time.GetUtcNow().UtcTicks + _tombstoneTicks;
        if (_pending.TryGetValue(key, out var pending))
        {
            lock (pending)
            {
                Interlocked.Add(ref _records, -pending.TakeAll().Length);
                Unlink(pending);
            }
        }
    }

    /// <summary>Drops expired records, empty sessions and old tombstones; runs on a timer, public for tests.</summary>
    public void SweepExpired()
    {
        long cutoff = Cutoff;
        foreach (var (_, pending) in _pending)
        {
            lock (pending)
            {
                Interlocked.Add(ref _records, -pending.RemoveExpired(cutoff));
                if (pending.Count == 0)
                {
                    Unlink(pending);
                }
            }
        }

        long now = _time.GetUtcNow().UtcTicks;
        foreach (var (key, until) in _tombstones)
        {
            if (until <= now)
            {
                _tombstones.TryRemove(new KeyValuePair<UInt128, long>(key, until));
            }
        }
    }

    internal int SessionsHeld => _pending.Count;

    ValueTask IServedRecommendationStore.RecordAsync(ServedRecommendation recommendation, CancellationToken cancellationToken)
    {
        Record(recommendation);
        return ValueTask.CompletedTask;
    }

    ValueTask<ServedRecommendation?> IServedRecommendationStore.TakeAsync(SessionKey session, string recommendationId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Take(session, recommendationId));

    ValueTask<ServedRecommendation?> IServedRecommendationStore.TakeMatchingAsync(SessionKey session, IReadOnlyList<string> items, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TakeMatching(session, items));

    ValueTask<IReadOnlyList<ServedRecommendation>> IServedRecommendationStore.TakeAllAsync(SessionKey session, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TakeAll(session));

    ValueTask IServedRecommendationStore.DeleteSessionAsync(SessionKey session, CancellationToken cancellationToken)
    {
        DeleteSession(session);
        return ValueTask.CompletedTask;
    }

    ValueTask<long?> IServedRecommendationStore.CountPendingAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<long?>(PendingCount);

    public void Dispose() => _sweeper.Dispose();

    private long Cutoff => (_time.GetUtcNow() - _ttl).UtcTicks;

    private bool IsTombstoned(UInt128 key) =>
        _tombstones.TryGetValue(key, out long until) && until > _time.GetUtcNow().UtcTicks;

    private ServedRecommendation? TakeWhere(SessionKey session, Predicate<Stored> match)
    {
        if (!_pending.TryGetValue(CompactKey.From(session), out var pending))
        {
            return null;
        }

        lock (pending)
        {
            int i = pending.FindIndex(match);
            if (i < 0)
            {
                return null;
            }

            var found = pending[i];
            pending.RemoveAt(i);
            Interlocked.Decrement(ref _records);
            if (pending.Count == 0)
            {
                Unlink(pending);
            }

            return found.Ticks > Cutoff ? found.ToServed(session) : null;
        }
    }

    private void EvictPastCapacity()
    {
        while (Interlocked.Read(ref _records) > _maxPending && _lru.TakeOldest() is Pending victim)
        {
            lock (victim)
            {
                Interlocked.Add(ref _records, -victim.TakeAll().Length);
                Unlink(victim);
            }
        }
    }

    /// <summary>Called under the pending list's lock.</summary>
    private void Unlink(Pending pending)
    {
        pending.Removed = true;
        _lru.Remove(pending);
        _pending.TryRemove(new KeyValuePair<UInt128, Pending>(pending.Key, pending));
    }

    /// <summary>
    /// The compact stored form: the session is the dictionary's key, the items the first ten served, and an id in the
    /// service's own format (32 lowercase hex digits) is held as 128 bits instead of an 88-byte string.
    /// </summary>
    private sealed class Stored
    {
        private readonly UInt128 _bits;
        private readonly string? _text;

        public Stored(string id, string[] items, bool coldStart, long ticks, string? arm)
        {
            if (id.Length == 32 && UInt128.TryParse(id, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bits)
                && string.Equals(bits.ToString("x32", CultureInfo.InvariantCulture), id, StringComparison.Ordinal))
            {
                _bits = bits;
            }
            else
            {
                _text = id;
            }

            Items = items;
            ColdStart = coldStart;
            Ticks = ticks;
            Arm = arm;
        }

        public string[] Items { get; }

        /// <summary>The experiment arm's name (the configuration's own string, shared by every record), or null.</summary>
        public string? Arm { get; }

        public bool ColdStart { get; }

        public long Ticks { get; }

        public string Id => _text ?? _bits.ToString("x32", CultureInfo.InvariantCulture);

        public bool HasId(string id) => _text is not null
            ? string.Equals(_text, id, StringComparison.Ordinal)
            : id.Length == 32 && UInt128.TryParse(id, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bits) && bits == _bits
              && string.Equals(Id, id, StringComparison.Ordinal);

        public ServedRecommendation ToServed(SessionKey session) =>
            new(Id, session, Items, ColdStart, new DateTimeOffset(Ticks, TimeSpan.Zero), Arm);
    }

    /// <summary>
    /// One session's records, oldest first: the usual single record is held inline, an array (at most five) appears
    /// only for a session with several pending.
    /// </summary>
    private sealed class Pending(UInt128 key) : LruList.Node
    {
        private Stored? _one;
        private Stored[]? _many;

        public UInt128 Key { get; } = key;

        public int Count { get; private set; }

        public bool Removed;

        public Stored this[int index] => _many is null ? _one! : _many[index];

        /// <summary>Adds the record, dropping the session's oldest past the cap; returns the change in count.</summary>
        public int Add(Stored record)
        {
            if (Count == MaxPendingPerSession)
            {
                RemoveAt(0);
                Append(record);
                return 0;
            }

            Append(record);
            return 1;
        }

        public int FindIndex(Predicate<Stored> match)
        {
            for (int i = 0; i < Count; i++)
            {
                if (match(this[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        public void RemoveAt(int index)
        {
            if (_many is null)
            {
                _one = null;
            }
            else
            {
                Array.Copy(_many, index + 1, _many, index, Count - index - 1);
                _many[Count - 1] = null!;
            }

            Count--;
        }

        /// <summary>Removes records served at or before <paramref name="cutoff"/>; returns how many.</summary>
        public int RemoveExpired(long cutoff)
        {
            int removed = 0;
            for (int i = Count - 1; i >= 0; i--)
            {
                if (this[i].Ticks <= cutoff)
                {
                    RemoveAt(i);
                    removed++;
                }
            }

            return removed;
        }

        /// <summary>Empties the list; returns the records that were held.</summary>
        public Stored[] TakeAll()
        {
            Stored[] taken = _many is null ? (_one is null ? [] : [_one]) : _many.AsSpan(0, Count).ToArray();
            _one = null;
            _many = null;
            Count = 0;
            return taken;
        }

        private void Append(Stored record)
        {
            if (_many is null && Count == 0)
            {
                _one = record;
            }
            else
            {
                if (_many is null)
                {
                    _many = new Stored[MaxPendingPerSession];
                    _many[0] = _one!;
                    _one = null;
                }

                _many[Count] = record;
            }

            Count++;
        }
    }
}
