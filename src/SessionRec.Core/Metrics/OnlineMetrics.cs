using SessionRec.Core.Telemetry;

namespace SessionRec.Core.Metrics;

/// <summary>
/// The service's live figures. Counters are lock-free; hit rate counts each served recommendation once, when it is
/// resolved (by explicit feedback or by the session's next click), as a hit when the clicked item was in its top 10.
/// </summary>
public sealed class OnlineMetrics
{
    public const int HitRateCutoff = 10;

    private long _recommendRequests;
    private long _coldStartRequests;
    private long _modelRequests;
    private long _clicks;
    private long _feedback;
    private long _resolved;
    private long _hits;

    public OnlineMetrics(TimeProvider time, TimeSpan latencyWindow)
    {
        RecommendLatency = new LatencyWindow(latencyWindow, time);
    }

    /// <summary>Whole-request latency of /recommend.</summary>
    public LatencyWindow RecommendLatency { get; }

    public void RecommendationServed(bool coldStart)
    {
        Interlocked.Increment(ref _recommendRequests);
        Interlocked.Increment(ref coldStart ? ref _coldStartRequests : ref _modelRequests);
        SessionRecTelemetry.Recommendations.Add(1, SessionRecTelemetry.Tag("strategy", coldStart ? "coldstart" : "model"));
    }

    public void ClickReceived()
    {
        Interlocked.Increment(ref _clicks);
        SessionRecTelemetry.Clicks.Add(1);
    }

    public void FeedbackReceived()
    {
        Interlocked.Increment(ref _feedback);
        SessionRecTelemetry.Feedback.Add(1);
    }

    public void RecommendationResolved(bool hit)
    {
        Interlocked.Increment(ref _resolved);
        SessionRecTelemetry.Resolved.Add(1, SessionRecTelemetry.Tag("hit", hit));
        if (hit)
        {
            Interlocked.Increment(ref _hits);
        }
    }

    /// <summary>Whether <paramref name="clickedItem"/> is among the first 10 of <paramref name="served"/>.</summary>
    public static bool IsHit(IReadOnlyList<string> served, string? clickedItem)
    {
        ArgumentNullException.ThrowIfNull(served);
        if (clickedItem is null)
        {
            return false;
        }

        int n = Math.Min(served.Count, HitRateCutoff);
        for (int i = 0; i < n; i++)
        {
            if (string.Equals(served[i], clickedItem, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public MetricsSnapshot Snapshot()
    {
        long total = Interlocked.Read(ref _recommendRequests);
        long cold = Interlocked.Read(ref _coldStartRequests);
        long resolved = Interlocked.Read(ref _resolved);
        long hits = Interlocked.Read(ref _hits);
        return new MetricsSnapshot(
            HitRateAt10: resolved == 0 ? 0 : 100.0 * hits / resolved,
            Latency: RecommendLatency.Summarize(),
            TotalRequests: total,
            ColdStartRequests: cold,
            ModelRequests: Interlocked.Read(ref _modelRequests),
            ColdStartPercentage: total == 0 ? 0 : 100.0 * cold / total,
            Clicks: Interlocked.Read(ref _clicks),
            Feedback: Interlocked.Read(ref _feedback),
            Resolved: resolved,
            Hits: hits,
            WindowSeconds: RecommendLatency.Window.TotalSeconds);
    }
}

public readonly record struct MetricsSnapshot(
    double HitRateAt10,
    LatencySummary Latency,
    long TotalRequests,
    long ColdStartRequests,
    long ModelRequests,
    double ColdStartPercentage,
    long Clicks,
    long Feedback,
    long Resolved,
    long Hits,
    double WindowSeconds);
