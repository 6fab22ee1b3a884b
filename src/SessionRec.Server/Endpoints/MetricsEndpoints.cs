using Microsoft.AspNetCore.Http.HttpResults;
using SessionRec.Core.Experiments;
using SessionRec.Core.Metrics;
using SessionRec.Core.Serving;
using SessionRec.Core.Sessions;
using SessionRec.Server.Validation;
using SessionRec.Server.Contracts;

namespace SessionRec.Server.Endpoints;

public static class MetricsEndpoints
{
    public static RouteGroupBuilder MapMetricsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/metrics", GetMetrics)
            .WithName("GetMetrics")
            .WithSummary("Online hit rate, latency quantiles over the sliding window, and traffic counters.")
            .WithStoreOutage("The shared counters are unavailable while the store is unreachable.");
        api.MapGet("/metrics/history", GetHistory)
            .WithName("GetMetricsHistory")
            .WithSummary("Recent samples of the live figures, for charts.");
        return api;
    }

    internal static Ok<MetricsHistoryResponse> GetHistory(MetricsHistory history) =>
        TypedResults.Ok(new MetricsHistoryResponse(
            history.Interval.TotalSeconds,
            history.Span.TotalSeconds,
            [.. history.Points().Select(p => new MetricsHistoryPoint(
                p.At,
                Math.Round(p.HitRateAt10, 4),
                Math.Round(p.P50LatencyMs, 4),
                Math.Round(p.P99LatencyMs, 4),
                Math.Round(p.ClicksPerSecond, 3),
                Math.Round(p.RecommendationsPerSecond, 3),
                Math.Round(p.FeedbackPerSecond, 3),
                Math.Round(p.ColdStartPercentage, 4),
                p.ActiveSessions,
                p.HitRateAt10Recent is { } recent ? Math.Round(recent, 4) : null))],
            history.RecentWindow.TotalSeconds));

    internal static async Task<Ok<MetricsResponse>> GetMetrics(
        OnlineMetrics metrics, ISessionStore sessions, IServedRecommendationStore served, ExperimentArms experiments, CancellationToken cancellationToken)
    {
        var s = await metrics.SnapshotAsync(cancellationToken);

        long active;
        try
        {
            active = await sessions.CountActiveAsync(cancellationToken);
        }
        catch (SessionStoreUnavailableException)
        {
            active = -1; // unknown while the store is unreachable; the rest of the figures are local
        }

        return TypedResults.Ok(new MetricsResponse(
            HitRateAt10: Math.Round(s.HitRateAt10, 4),
            P50LatencyMs: Math.Round(s.Latency.P50Ms, 4),
            P99LatencyMs: Math.Round(s.Latency.P99Ms, 4),
            AvgLatencyMs: Math.Round(s.Latency.MeanMs, 4),
            TotalRequests: s.TotalRequests,
            ColdstartRequests: s.ColdStartRequests,
            ModelRequests: s.ModelRequests,
            ColdstartPercentage: Math.Round(s.ColdStartPercentage, 4),
            ActiveSessions: active,
            ClicksTotal: s.Clicks,
            FeedbackTotal: s.Feedback,
            ResolvedRecommendations: s.Resolved,
            Hits: s.Hits,
            WindowSeconds: s.WindowSeconds,
            PendingRecommendations: await served.CountPendingAsync(cancellationToken),
            Arms: ArmMetricsResponse.From(experiments)));
    }
}
