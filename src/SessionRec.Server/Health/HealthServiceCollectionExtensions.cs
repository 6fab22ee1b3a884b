using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SessionRec.Server.Health;

public static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// Health on Microsoft.Extensions.Diagnostics.HealthChecks: a process check for <c>/alive</c>, whether
    /// recommendations can be served for <c>/ready</c>, and a real probe of each seed component for
    /// <c>/api/v1/health</c>. The probes are singletons because each caches its last result.
    /// </summary>
    public static IServiceCollection AddSessionRecHealth(this IServiceCollection services)
    {
        services.AddSingleton<SessionStoreHealthCheck>();
        services.AddSingleton<VectorStoreHealthCheck>();
        services.AddSingleton<ModelHealthCheck>();
        services.AddSingleton<RecommendationsHealthCheck>();
        services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy("running"), [HealthComponentNames.LiveTag])
            .AddCheck<SessionStoreHealthCheck>(HealthComponentNames.SessionStore)
            .AddCheck<VectorStoreHealthCheck>(HealthComponentNames.VectorStore)
            .AddCheck<ModelHealthCheck>(HealthComponentNames.Model)
            .AddCheck<RecommendationsHealthCheck>(HealthComponentNames.Recommendations, tags: [HealthComponentNames.ReadyTag]);
        return services;
    }
}
