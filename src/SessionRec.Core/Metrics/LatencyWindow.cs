using HdrHistogram;

namespace SessionRec.Core.Metrics;

/// <summary>
/// Latency over a true sliding time window at constant memory: one HdrHistogram (3 significant digits, microseconds)
/// per sixtieth of the window in a ring, merged when someone reads the figures. Recording is a few nanoseconds under
/// a short lock whatever the request rate, and a read costs the same at 10 or 20,000 requests a second. Samples leave
/// the window one bucket (5 s of a 5-minute window) at a time.
/// </summary>
public sealed class LatencyWindow
{
    private const int Buckets = 60;
    private const long LowestMicros = 1;
    private const long HighestMicros = 3_600_000_000; // an hour: anything slower is clamped, not lost
    private const int SignificantDigits = 3;

    private readonly TimeProvider _time;
    private readonly long _windowTicks;
    private readonly long _bucketTicks;
    private readonly IntHistogram[] _histograms = new IntHistogram[Buckets];
    private readonly long[] _slots = new long[Buckets];
    private readonly double[] _sums = new double[Buckets];
    private readonly IntHistogram _merged = NewHistogram();
    private readonly object _lock = new();

    public LatencyWindow(TimeSpan window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _windowTicks = window.Ticks;
        _bucketTicks = Math.Max(1, window.Ticks / Buckets);
        for (int i = 0; i < Buckets; i++)
        {
            _histograms[i] = NewHistogram();
            _slots[i] = long.MinValue;
        }
    }

    public TimeSpan Window => TimeSpan.FromTicks(_windowTicks);

    public void Record(double milliseconds)
    {
        long slot = _time.GetUtcNow().UtcTicks / _bucketTicks;
        long micros = Math.Clamp((long)Math.Round(milliseconds * 1000), LowestMicros, HighestMicros);
        lock (_lock)
        {
            int i = (int)(slot % Buckets);
            if (_slots[i] != slot)
            {
                _histograms[i].Reset();
                _sums[i] = 0;
                _slots[i] = slot;
            }

            _histograms[i].RecordValue(micros);
            _sums[i] += milliseconds;
        }
    }

    /// <summary>Quantiles (within 0.1 %) and exact mean over the window; zeros when it is empty.</summary>
    public LatencySummary Summarize()
    {
        long oldest = _time.GetUtcNow().UtcTicks / _bucketTicks - Buckets + 1;
        lock (_lock)
        {
            _merged.Reset();
            double sum = 0;
            for (int i = 0; i < Buckets; i++)
            {
                if (_slots[i] >= oldest)
                {
                    _merged.Add(_histograms[i]);
                    sum += _sums[i];
                }
            }

            long count = _merged.TotalCount;
            if (count == 0)
            {
                return new LatencySummary(0, 0, 0, 0);
            }

            return new LatencySummary(
                (int)Math.Min(count, int.MaxValue),
                Quantile(0.50),
                Quantile(0.99),
                sum / count);
        }
    }

    /// <summary>Nearest rank: the smallest recorded value with at least q of the samples at or below it.</summary>
    private double Quantile(double q) =>
        _merged.HighestEquivalentValue(_merged.GetValueAtPercentile(q * 100)) / 1000.0;

    private static IntHistogram NewHistogram() => new(LowestMicros, HighestMicros, SignificantDigits);
}

public readonly record struct LatencySummary(int Count, double P50Ms, double P99Ms, double MeanMs);
