using Microsoft.AspNetCore.Http.HttpResults;
using SessionRec.Core.Catalog;
using SessionRec.Core.Serving;
using SessionRec.Core.Sessions;
using SessionRec.Server.Contracts;

namespace SessionRec.Server.Endpoints;

public static class HealthEndpoints
{
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";

    public static RouteGroupBuilder MapHealthEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/health", GetHealth)
            .WithName("GetHealth")
            .WithSummary("Component health; 503 with the same shape when a component is down.");
        return api;
    }

    internal static async Task<JsonHttpResult<HealthResponse>> GetHealth(
        ISessionStore sessions, ModelSlot modelSlot, ItemCatalog catalog, CancellationToken cancellationToken)
    {
        bool storeUp;
        try
        {
            storeUp = await sessions.IsHealthyAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            storeUp = false;
        }

        var loaded = modelSlot.Current;
        bool modelUp = loaded is not null;
        var details = new Dictionary<string, string>
        {
            ["session_store"] = sessions.Provider,
            ["vector_store"] = loaded is not null && SessionRec.Models.Repeat.RepeatAwareModel.Unwrap(loaded.Model) is SessionRec.Models.Sasrec.EmbeddingModel embedding
                ? embedding.Index.GetType().Name
                : "none: the model ranks items directly",
            ["model"] = loaded is null ? modelSlot.LoadError is null ? "loading" : "failed to load" : $"{loaded.Model.Name} ({loaded.Source})",
            ["catalog"] = $"{catalog.Count} items ({catalog.Source})",
        };
        var components = new HealthComponents(
            SessionStore: storeUp ? Healthy : Unhealthy,
            VectorStore: modelUp ? Healthy : Unhealthy,
            Model: modelUp ? Healthy : Unhealthy);
        bool allUp = storeUp && modelUp;
        return TypedResults.Json(
            new HealthResponse(allUp ? Healthy : Unhealthy, components, details),
            statusCode: allUp ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
