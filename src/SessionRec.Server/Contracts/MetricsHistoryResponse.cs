using System.Text.Json.Serialization;

namespace SessionRec.Server.Contracts;

/// <summary>
/// Samples of the live figures, oldest first; rates are per second over the preceding interval. Each point's
/// <c>hit_rate_at_10</c> is since start, <c>hit_rate_at_10_recent</c> over the last <c>recent_window_seconds</c>
/// (<c>Metrics:LatencyWindow</c>, 5 minutes; null when nothing was resolved in it).
/// </summary>
public sealed record MetricsHistoryResponse(double IntervalSeconds, double SpanSeconds, IReadOnlyList<MetricsHistoryPoint> Points, double RecentWindowSeconds);

public sealed record MetricsHistoryPoint(
    DateTimeOffset At,
    [property: JsonPropertyName("hit_rate_at_10")] double HitRateAt10,
    double P50LatencyMs,
    double P99LatencyMs,
    double ClicksPerSecond,
    double RecommendationsPerSecond,
    double FeedbackPerSecond,
    double ColdstartPercentage,
    long ActiveSessions,
    [property: JsonPropertyName("hit_rate_at_10_recent")] double? HitRateAt10Recent);
