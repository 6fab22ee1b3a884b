namespace SessionRec.Core.Metrics;

/// <summary>
/// The online counters behind /api/v1/metrics: shared learning state, so that every replica reports the same
/// figures. Latency quantiles stay per replica (they describe that replica's requests).
/// </summary>
public interface IMetricCounterStore
{
    /// <summary>Counts without waiting: counting must never fail or slow down a request.</summary>
    void Add(MetricCounter counter, long value = 1);

    /// <summary>Current values, indexed by <see cref="MetricCounter"/>.</summary>
    ValueTask<long[]> ReadAsync(CancellationToken cancellationToken = default);
}

public enum MetricCounter
{
    Recommendations,
    ColdStartRecommendations,
    ModelRecommendations,
    Clicks,
    Feedback,
    Resolved,
    Hits,
}
