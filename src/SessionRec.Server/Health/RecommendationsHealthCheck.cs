using Microsoft.Extensions.Diagnostics.HealthChecks;
using SessionRec.Core.Serving;
using SessionRec.Server.Hosting;

namespace SessionRec.Server.Health;

/// <summary>
/// Can this replica serve recommendations at all? Cold start needs only the catalog (trending, bandit counts and the
/// session each fall back locally when their store is away), so: unhealthy until the catalog is read, degraded while
/// no model is ready (cold start only), healthy otherwise. Behind <c>/ready</c>; reads no backend.
/// </summary>
public sealed class RecommendationsHealthCheck(CatalogSlot catalogSlot, ModelSlot modelSlot) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var catalog = catalogSlot.Published;
        var result = catalog is null ? HealthCheckResult.Unhealthy("none: the catalog is not loaded yet")
            : catalog.Count == 0 ? HealthCheckResult.Unhealthy("none: the catalog is empty")
            : modelSlot.Current is null ? HealthCheckResult.Degraded("cold start only: no model is ready")
            : HealthCheckResult.Healthy("model and cold start");
        return Task.FromResult(result);
    }
}
