using SessionRec.Core.Telemetry;

namespace SessionRec.Core.Metrics;

/// <summary>
/// The service's live figures. Counters live in an <see cref="IMetricCounterStore"/>; hit rate counts each served
/// recommendation once, when it is resolved (by explicit feedback or by the session's next click), as a hit when the
/// clicked item was in its top 10.
/// </summary>
public sealed class OnlineMetrics
{
    public const int HitRateCutoff = 10;

    private readonly IMetricCounterStore _counters;

    /// <summary>Counters in process (a single server, or tests).</summary>
    public OnlineMetrics(TimeProvider time, TimeSpan latencyWindow)
        : this(time, latencyWindow, new InMemoryMetricCounterStore())
    {
    }

    public OnlineMetrics(TimeProvider time, TimeSpan latencyWindow, IMetricCounterStore counters)
    {
        _counters = counters ?? throw new ArgumentNullException(nameof(counters));
        RecommendLatency = new LatencyWindow(latencyWindow, time);
    }

    /// <summary>Whole-request latency of /recommend, for this replica.</summary>
    public LatencyWindow RecommendLatency { get; }

    /// <summary>Counts a served recommendation; <paramref name="arm"/> (in an experiment) tags Prometheus' series.</summary>
    public void RecommendationServed(bool coldStart, string? arm = null)
    {
        _counters.Add(MetricCounter.Recommendations);
        _counters.Add(coldStart ? MetricCounter.ColdStartRecommendations : MetricCounter.ModelRecommendations);
        var strategy = SessionRecTelemetry.Tag("strategy", coldStart ? "coldstart" : "model");
        if (arm is null)
        {
            SessionRecTelemetry.Recommendations.Add(1, strategy);
        }
        else
        {
            SessionRecTelemetry.Recommendations.Add(1, strategy, SessionRecTelemetry.Tag("arm", arm));
        }
    }

    public void ClickReceived()
    {
        _counters.Add(MetricCounter.Clicks);
        SessionRecTelemetry.Clicks.Add(1);
    }

    public void FeedbackReceived()
    {
        _counters.Add(MetricCounter.Feedback);
        SessionRecTelemetry.Feedback.Add(1);
    }

    public void RecommendationResolved(bool hit, string? arm = null)
    {
        _counters.Add(MetricCounter.Resolved);
        if (arm is null)
        {
            SessionRecTelemetry.Resolved.Add(1, SessionRecTelemetry.Tag("hit", hit));
        }
        else
        {
            SessionRecTelemetry.Resolved.Add(1, SessionRecTelemetry.Tag("hit", hit), SessionRecTelemetry.Tag("arm", arm));
        }

        if (hit)
        {
            _counters.Add(MetricCounter.Hits);
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

    public async ValueTask<MetricsSnapshot> SnapshotAsync(CancellationToken cancellationToken = default)
    {
        var c = await _counters.ReadAsync(cancellationToken);
        long total = c[(int)MetricCounter.Recommendations];
        long cold = c[(int)MetricCounter.ColdStartRecommendations];
        long resolved = c[(int)MetricCounter.Resolved];
        long hits = c[(int)MetricCounter.Hits];
        return new MetricsSnapshot(
            HitRateAt10: resolved == 0 ? 0 : 100.0 * hits / resolved,
            Latency: RecommendLatency.Summarize(),
            TotalRequests: total,
            ColdStartRequests: cold,
            ModelRequests: c[(int)MetricCounter.ModelRecommendations],
            ColdStartPercentage: total == 0 ? 0 : 100.0 * cold / total,
            Clicks: c[(int)MetricCounter.Clicks],
            Feedback: c[(int)MetricCounter.Feedback],
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
