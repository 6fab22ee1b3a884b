using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SessionRec.Server.Contracts;
using SessionRec.Server.Health;
using SessionRec.Server.Hosting;

namespace SessionRec.Server.Endpoints;

public static class HealthEndpoints
{
    public const string Healthy = "healthy";
    public const string Degraded = "degraded";
    public const string Unhealthy = "unhealthy";

    /// <summary>
    /// <c>/alive</c> (liveness: the process runs) and <c>/ready</c> (readiness: recommendations can be served), outside
    /// <c>/api/v1</c> so probes need no API key. Plain text Healthy/Degraded (200) or Unhealthy (503), never cached.
    /// </summary>
    public static IEndpointRouteBuilder MapProbeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains(HealthComponentNames.LiveTag) });
        app.MapHealthChecks("/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains(HealthComponentNames.ReadyTag) });
        return app;
    }

    public static RouteGroupBuilder MapHealthEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/health", GetHealth)
            .WithName("GetHealth")
            .WithSummary("Component health: 200 healthy, 200 degraded (a component is down but recommendations still flow), 503 unhealthy (none can be served).");
        return api;
    }

    internal static async Task<JsonHttpResult<HealthResponse>> GetHealth(
        HealthCheckService health, CatalogSlot catalogSlot, HttpContext context, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(r => !r.Tags.Contains(HealthComponentNames.LiveTag), cancellationToken);
        var canServe = report.Entries[HealthComponentNames.Recommendations];
        string status = canServe.Status == HealthStatus.Unhealthy ? Unhealthy
            : report.Entries.Values.All(e => e.Status == HealthStatus.Healthy) ? Healthy
            : Degraded;

        // Descriptions are fixed texts and provider, kind and directory names: never paths or exception messages.
        var details = new Dictionary<string, string>
        {
            [HealthComponentNames.SessionStore] = Describe(report, HealthComponentNames.SessionStore),
            [HealthComponentNames.VectorStore] = Describe(report, HealthComponentNames.VectorStore),
            [HealthComponentNames.Model] = Describe(report, HealthComponentNames.Model),
            [HealthComponentNames.Recommendations] = canServe.Description ?? "",
        };
        if (catalogSlot.Published is { } catalog)
        {
            details["catalog"] = $"{catalog.Count} items ({catalog.Source})";
        }

        var components = new HealthComponents(
            SessionStore: Name(report.Entries[HealthComponentNames.SessionStore].Status),
            VectorStore: Name(report.Entries[HealthComponentNames.VectorStore].Status),
            Model: Name(report.Entries[HealthComponentNames.Model].Status));
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(
            new HealthResponse(status, components, details, ServiceVersion.Current),
            statusCode: status == Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    private static string Describe(HealthReport report, string component) => report.Entries[component].Description ?? "";

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => Healthy,
        HealthStatus.Degraded => Degraded,
        _ => Unhealthy,
    };
}
