namespace SessionRec.Core.Metrics;

/// <summary>One sample of the live figures, taken by <see cref="MetricsHistory"/>; rates are per second over the preceding interval.</summary>
public sealed record MetricsPoint(
    DateTimeOffset At,
    double HitRateAt10,
    double P50LatencyMs,
    double P99LatencyMs,
    double ClicksPerSecond,
    double RecommendationsPerSecond,
    double FeedbackPerSecond,
    double ColdStartPercentage,
    long ActiveSessions);
