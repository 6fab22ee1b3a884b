namespace SessionRec.Core.Metrics;

/// <summary>
/// A ring of recent <see cref="MetricsPoint"/>s for charts: the dashboard needs lines over time, and the live
/// counters only know "now". Request rates are counter deltas between samples, so they cost nothing on the hot path;
/// so is the recent hit rate: resolved and hit counts now minus those of the oldest sample inside
/// <paramref name="recentWindow"/>, or of the last sample before it when none is inside (zero while the run is
/// younger than the window).
/// </summary>
public sealed class MetricsHistory(OnlineMetrics metrics, TimeProvider time, TimeSpan interval, TimeSpan span, TimeSpan? recentWindow = null)
{
    private readonly object _lock = new();
    private readonly Queue<MetricsPoint> _points = new();
    private readonly Queue<(DateTimeOffset At, long Resolved, long Hits)> _resolutions = new();
    private (long Resolved, long Hits) _beforeWindow;
    private MetricsSnapshot? _previous;
    private DateTimeOffset _previousAt;

    public TimeSpan Interval { get; } = interval;

    public TimeSpan Span { get; } = span;

    public TimeSpan RecentWindow { get; } = recentWindow ?? TimeSpan.FromMinutes(5);

    /// <summary>Takes a sample now; <paramref name="activeSessions"/> comes from the session store.</summary>
    public async ValueTask<MetricsPoint> SampleAsync(long activeSessions, CancellationToken cancellationToken = default)
    {
        var s = await metrics.SnapshotAsync(cancellationToken);
        var now = time.GetUtcNow();
        lock (_lock)
        {
            double seconds = _previous is null ? 0 : (now - _previousAt).TotalSeconds;
            double Rate(long current, long previous) => seconds > 0 ? Math.Max(0, current - previous) / seconds : 0;
            var point = new MetricsPoint(
                now,
                s.HitRateAt10,
                s.Latency.P50Ms,
                s.Latency.P99Ms,
                Rate(s.Clicks, _previous?.Clicks ?? 0),
                Rate(s.TotalRequests, _previous?.TotalRequests ?? 0),
                Rate(s.Feedback, _previous?.Feedback ?? 0),
                s.ColdStartPercentage,
                activeSessions,
                RecentHitRate(now, s.Resolved, s.Hits));
            _previous = s;
            _previousAt = now;
            _points.Enqueue(point);
            while (_points.Count > 0 && _points.Peek().At < now - Span)
            {
                _points.Dequeue();
            }

            return point;
        }
    }

    private double? RecentHitRate(DateTimeOffset now, long resolved, long hits)
    {
        while (_resolutions.Count > 0 && _resolutions.Peek().At < now - RecentWindow)
        {
            var (_, r, h) = _resolutions.Dequeue();
            _beforeWindow = (r, h);
        }

        var (baseResolved, baseHits) = _resolutions.TryPeek(out var oldest) ? (oldest.Resolved, oldest.Hits) : _beforeWindow;
        _resolutions.Enqueue((now, resolved, hits));
        long windowResolved = resolved - baseResolved;
        return windowResolved > 0 ? 100.0 * (hits - baseHits) / windowResolved : null;
    }

    public IReadOnlyList<MetricsPoint> Points()
    {
        lock (_lock)
        {
            return [.. _points];
        }
    }
}
