using System.Text.Json.Serialization;

namespace SessionRec.Server.Contracts;

/// <summary>Samples of the live figures, oldest first; rates are per second over the preceding interval.</summary>
public sealed record MetricsHistoryResponse(double IntervalSeconds, double SpanSeconds, IReadOnlyList<MetricsHistoryPoint> Points);

public sealed record MetricsHistoryPoint(
    DateTimeOffset At,
    [property: JsonPropertyName("hit_rate_at_10")] double HitRateAt10,
    double P50LatencyMs,
    double P99LatencyMs,
    double ClicksPerSecond,
    double RecommendationsPerSecond,
    double FeedbackPerSecond,
    double ColdstartPercentage,
    long ActiveSessions);
