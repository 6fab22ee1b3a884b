namespace SessionRec.Core.Metrics;

/// <summary>
/// One sample of the live figures, taken by <see cref="MetricsHistory"/>; rates are per second over the preceding
/// interval. <see cref="HitRateAt10"/> is since start; <see cref="HitRateAt10Recent"/> over the recent window only
/// (null when nothing was resolved in it).
/// </summary>
public sealed record MetricsPoint(
    DateTimeOffset At,
    double HitRateAt10,
    double P50LatencyMs,
    double P99LatencyMs,
    double ClicksPerSecond,
    double RecommendationsPerSecond,
    double FeedbackPerSecond,
    double ColdStartPercentage,
    long ActiveSessions,
    double? HitRateAt10Recent = null);
