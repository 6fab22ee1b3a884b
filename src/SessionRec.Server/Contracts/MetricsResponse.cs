using System.Text.Json.Serialization;

namespace SessionRec.Server.Contracts;

/// <summary>
/// Online figures; hit_rate_at_10 and coldstart_percentage are percentages (0..100); active_sessions is -1 while the
/// session store is unreachable; pending_recommendations counts served records awaiting a click or feedback (null when
/// the store cannot count them cheaply, as with Redis); arms holds each experiment arm's figures on this replica (null
/// when no experiment runs).
/// </summary>
public sealed record MetricsResponse(
    [property: JsonPropertyName("hit_rate_at_10")] double HitRateAt10,
    double P50LatencyMs,
    double P99LatencyMs,
    double AvgLatencyMs,
    long TotalRequests,
    long ColdstartRequests,
    long ModelRequests,
    double ColdstartPercentage,
    long ActiveSessions,
    long ClicksTotal,
    long FeedbackTotal,
    long ResolvedRecommendations,
    long Hits,
    double WindowSeconds,
    long? PendingRecommendations,
    IReadOnlyList<ArmMetricsResponse>? Arms = null);
