using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace SessionRec.Core.ColdStart;

/// <summary>
/// The in-process <see cref="ITrendingStore"/>. Uses forward decay: a click at time t adds 2^((t − t0)/halfLife), so ranking never
/// has to touch every item to age it; only the rare re-base when the weights grow large visits them all. The top
/// list is recomputed at most once a second and published as an immutable array, so a request costs O(candidates).
/// </summary>
public sealed class InMemoryTrendingStore : ITrendingStore
{
    private static readonly long RefreshTicks = TimeSpan.TicksPerSecond;
    private const double RebaseAbove = 1e12;

    private readonly ConcurrentDictionary<string, double[]> _weights = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly double _halfLifeTicks;
    private readonly object _rebaseLock = new();
    private long _originTicks;
    private long _builtAt = long.MinValue;
    private int _dirty = 1;
    private string[] _top = [];

    public InMemoryTrendingStore(IOptions<ColdStartOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _halfLifeTicks = options.Value.TrendingHalfLife.Ticks;
        _originTicks = _time.GetUtcNow().UtcTicks;
    }

    /// <summary>Counts a click now.</summary>
    public void Record(string itemId, double weight = 1)
    {
        double w = weight * Math.Pow(2, (_time.GetUtcNow().UtcTicks - Volatile.Read(ref _originTicks)) / _halfLifeTicks);
        var cell = _weights.GetOrAdd(itemId, static _ => new double[1]);
        double after;
        lock (cell)
        {
            cell[0] += w;
            after = cell[0];
        }

        Volatile.Write(ref _dirty, 1);
        if (after > RebaseAbove)
        {
            Rebase();
        }
    }

    /// <summary>Seeds counts (e.g. from a training log) so cold start has candidates before any live click.</summary>
    public void Seed(IEnumerable<KeyValuePair<string, double>> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        foreach (var (item, count) in counts)
        {
            Record(item, count);
        }
    }

    /// <summary>Up to <paramref name="count"/> items, hottest first.</summary>
    public IReadOnlyList<string> Top(int count)
    {
        long now = _time.GetUtcNow().UtcTicks;
        var top = Volatile.Read(ref _top);
        if ((Volatile.Read(ref _dirty) == 1 && now - Volatile.Read(ref _builtAt) >= RefreshTicks) || top.Length < Math.Min(count, _weights.Count))
        {
            top = Rebuild(Math.Max(count, top.Length), now);
        }

        return new ArraySegment<string>(top, 0, Math.Min(count, top.Length));
    }

    public ValueTask RecordAsync(string itemId, CancellationToken cancellationToken = default)
    {
        Record(itemId);
        return ValueTask.CompletedTask;
    }

    public ValueTask SeedAsync(IEnumerable<KeyValuePair<string, double>> counts, CancellationToken cancellationToken = default)
    {
        Seed(counts);
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<string>> TopAsync(int count, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Top(count));

    /// <summary>Items with any count.</summary>
    public int Count => _weights.Count;

    private string[] Rebuild(int count, long now)
    {
        Volatile.Write(ref _dirty, 0);
        var snapshot = new List<(string Item, double Weight)>(_weights.Count);
        foreach (var (item, cell) in _weights)
        {
            snapshot.Add((item, Volatile.Read(ref cell[0])));
        }

        var top = snapshot
            .OrderByDescending(p => p.Weight)
            .ThenBy(p => p.Item, StringComparer.Ordinal)
            .Take(Math.Max(count, 256))
            .Select(p => p.Item)
            .ToArray();
        Volatile.Write(ref _top, top);
        Volatile.Write(ref _builtAt, now);
        return top;
    }

    private void Rebase()
    {
        lock (_rebaseLock)
        {
            long now = _time.GetUtcNow().UtcTicks;
            double factor = Math.Pow(2, -(now - _originTicks) / _halfLifeTicks);
            if (factor >= 1)
            {
                return;
            }

            foreach (var cell in _weights.Values)
            {
                lock (cell)
                {
                    cell[0] *= factor;
                }
            }

            Volatile.Write(ref _originTicks, now);
        }
    }
}
