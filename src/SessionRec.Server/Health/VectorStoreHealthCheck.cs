using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SessionRec.Core.Ranking;
using SessionRec.Core.Serving;
using SessionRec.Server.Configuration;

namespace SessionRec.Server.Health;

/// <summary>
/// A real query of the served model's item index (exact, USearch, Qdrant): a fixed query vector must find an item
/// with a finite score. Models that rank items themselves use no index: reported healthy, "not used".
/// </summary>
public sealed class VectorStoreHealthCheck(
    ModelSlot modelSlot, TimeProvider time, IOptions<HealthOptions> options, ILogger<VectorStoreHealthCheck> logger)
    : CachedHealthCheck(time, options, logger)
{
    public const string NotUsed = "not used: the model ranks items itself";

    protected override string Component => HealthComponentNames.VectorStore;

    protected override object? Subject => modelSlot.Current;

    protected override async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        using var lease = modelSlot.Acquire();
        var loaded = lease.Loaded;
        if (loaded is null)
        {
            return HealthCheckResult.Unhealthy("none: no model is loaded");
        }

        if (loaded.Index is not { } index)
        {
            return HealthCheckResult.Healthy(loaded.ItemIndex ?? NotUsed);
        }

        string name = loaded.ItemIndex ?? index.GetType().Name;
        var found = new ScoredItem[1];
        int n;
        try
        {
            n = await index.SearchAsync(Query(index.Dimension), ReadOnlyMemory<int>.Empty, found, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{name}: the query failed", e);
        }

        return n == 1 && float.IsFinite(found[0].Score)
            ? HealthCheckResult.Healthy(name)
            : HealthCheckResult.Unhealthy(n == 0 ? $"{name}: a query found no items" : $"{name}: a query returned a non-finite score");
    }

    /// <summary>The same unit vector every time: the probe measures the index, not the query.</summary>
    private static float[] Query(int dimension)
    {
        var query = new float[dimension];
        Array.Fill(query, 1 / MathF.Sqrt(dimension));
        return query;
    }
}
