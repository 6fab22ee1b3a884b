using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SessionRec.Core.Sessions;
using SessionRec.Server.Configuration;

namespace SessionRec.Server.Health;

/// <summary>A real round trip to the session store (Redis: a PING to every primary; in process: nothing to reach).</summary>
public sealed class SessionStoreHealthCheck(
    ISessionStore sessions, TimeProvider time, IOptions<HealthOptions> options, ILogger<SessionStoreHealthCheck> logger)
    : CachedHealthCheck(time, options, logger)
{
    protected override string Component => HealthComponentNames.SessionStore;

    protected override async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken) =>
        await sessions.IsHealthyAsync(cancellationToken)
            ? HealthCheckResult.Healthy(sessions.Provider)
            : HealthCheckResult.Unhealthy($"{sessions.Provider}: unreachable");
}
