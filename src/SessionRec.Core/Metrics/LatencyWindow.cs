namespace SessionRec.Core.Metrics;

/// <summary>
/// Latency samples over a sliding time window with exact quantiles: samples are kept raw in a ring (bounded, so
/// memory is fixed; under extreme load the window holds the newest <c>capacity</c> samples) and sorted only when
/// someone reads the figures, so recording stays a few nanoseconds under a short lock.
/// </summary>
public sealed class LatencyWindow
{
    private readonly TimeProvider _time;
    private readonly long _windowTicks;
    private readonly long[] _at;
    private readonly double[] _ms;
    private readonly object _lock = new();
    private int _next;
    private int _count;

    public LatencyWindow(TimeSpan window, TimeProvider time, int capacity = 262_144)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _windowTicks = window.Ticks;
        _at = new long[capacity];
        _ms = new double[capacity];
    }

    public TimeSpan Window => TimeSpan.FromTicks(_windowTicks);

    public void Record(double milliseconds)
    {
        long now = _time.GetUtcNow().UtcTicks;
        lock (_lock)
        {
            _at[_next] = now;
            _ms[_next] = milliseconds;
            _next = (_next + 1) % _at.Length;
            if (_count < _at.Length)
            {
                _count++;
            }
        }
    }

    /// <summary>Quantiles (nearest rank) and mean over the window; zeros when it is empty.</summary>
    public LatencySummary Summarize()
    {
        long cutoff = _time.GetUtcNow().UtcTicks - _windowTicks;
        double[] live;
        lock (_lock)
        {
            live = new double[_count];
            int n = 0;
            for (int i = 0; i < _count; i++)
            {
                int slot = (_next - 1 - i + _at.Length) % _at.Length;
                // Not a break: concurrent recorders take their timestamps before the lock, so the ring is only
                // nearly in time order.
                if (_at[slot] > cutoff)
                {
                    live[n++] = _ms[slot];
                }
            }

            Array.Resize(ref live, n);
        }

        if (live.Length == 0)
        {
            return new LatencySummary(0, 0, 0, 0);
        }

        Array.Sort(live);
        return new LatencySummary(live.Length, NearestRank(live, 0.50), NearestRank(live, 0.99), live.Average());
    }

    /// <summary>The smallest sample with at least q of the samples at or below it.</summary>
    internal static double NearestRank(double[] sorted, double q)
    {
        int rank = (int)Math.Ceiling(q * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}

public readonly record struct LatencySummary(int Count, double P50Ms, double P99Ms, double MeanMs);
