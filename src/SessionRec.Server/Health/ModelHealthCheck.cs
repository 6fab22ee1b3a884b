using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SessionRec.Core.ColdStart;
using SessionRec.Core.Ranking;
using SessionRec.Core.Serving;
using SessionRec.Server.Configuration;

namespace SessionRec.Server.Health;

/// <summary>
/// The model slot's state, then a canary inference: the served model ranks a fixed one-item session (the hottest
/// trending item it knows, which has neighbours for session-kNN too) and must answer items with finite scores.
/// Reasons are short and fixed: the slot's failure reason and exceptions name files, so they stay in the logs.
/// </summary>
public sealed class ModelHealthCheck(
    ModelSlot modelSlot, ITrendingStore trending, TimeProvider time, IOptions<HealthOptions> options, ILogger<ModelHealthCheck> logger)
    : CachedHealthCheck(time, options, logger)
{
    private const int CanaryK = 10;

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
        int[] session = [await CanaryItemAsync(loaded.Model, cancellationToken)];
        var ranked = new ScoredItem[CanaryK];
        int found;
        try
        {
            found = await loaded.Model.RecommendAsync(session, session, ranked, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{name}: the canary inference failed", e);
        }

        if (found < 0 || found > CanaryK)
        {
            return HealthCheckResult.Unhealthy($"{name}: the canary inference answered an impossible count");
        }

        for (int i = 0; i < found; i++)
        {
            if (!float.IsFinite(ranked[i].Score) || ranked[i].Index < 1 || ranked[i].Index > loaded.Model.Vocabulary.Count)
            {
                return HealthCheckResult.Unhealthy($"{name}: the canary inference returned non-finite scores or unknown items");
            }
        }

        // Serving goes on (trending fills the list), but the model answered nothing for a well-known item.
        return found == 0 ? HealthCheckResult.Degraded($"{name}: the canary inference returned no items") : HealthCheckResult.Healthy(name);
    }

    private async Task<int> CanaryItemAsync(INextItemModel model, CancellationToken cancellationToken)
    {
        foreach (var item in await trending.TopAsync(32, cancellationToken))
        {
            if (model.Vocabulary.TryGetIndex(item, out int index))
            {
                return index;
            }
        }

        return 1; // index 0 is padding
    }
}
