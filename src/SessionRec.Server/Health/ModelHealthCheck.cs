using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SessionRec.Core.ColdStart;
using SessionRec.Core.Serving;
using SessionRec.Server.Configuration;
using SessionRec.Server.Hosting;

namespace SessionRec.Server.Health;

/// <summary>
/// The model slot's state, then a canary inference (<see cref="ModelCanary"/>): the served model ranks a fixed
/// one-item session (the hottest trending item it knows, which has neighbours for session-kNN too) and must answer
/// items with finite scores. Reasons are short and fixed: the slot's failure reason and exceptions name files, so they
/// stay in the logs.
/// </summary>
public sealed class ModelHealthCheck(
    ModelSlot modelSlot, ITrendingStore trending, TimeProvider time, IOptions<HealthOptions> options, ILogger<ModelHealthCheck> logger)
    : CachedHealthCheck(time, options, logger)
{
    protected override string Component => HealthComponentNames.Model;

    protected override object? Subject => (object?)modelSlot.Current ?? modelSlot.State;

    protected override async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        using var lease = modelSlot.Acquire();
        var loaded = lease.Loaded;
        if (loaded is null)
        {
            return HealthCheckResult.Unhealthy(modelSlot.State == ModelState.Failed ? "failed" : "loading");
        }

        string name = $"{loaded.Model.Name} ({loaded.Source})";
        var items = await ModelCanary.ItemsAsync(loaded.Model, trending, 1, cancellationToken);
        var canary = await ModelCanary.RunAsync(loaded.Model, items[0], cancellationToken);
        if (canary.Failed)
        {
            return HealthCheckResult.Unhealthy($"{name}: {canary.Failure}", canary.Exception);
        }

        // Serving goes on (trending fills the list), but the model answered nothing for a well-known item.
        return canary.Found == 0 ? HealthCheckResult.Degraded($"{name}: the canary inference returned no items") : HealthCheckResult.Healthy(name);
    }
}
