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

        // The slot's state is the truth: a model that is loading or failed its load/check is not up.
        var loaded = modelSlot.Current;
        bool modelUp = loaded is not null;
        var details = new Dictionary<string, string>
        {
            ["session_store"] = sessions.Provider,
            ["vector_store"] = loaded is null ? "none: no model is loaded" : loaded.ItemIndex ?? "none: the model ranks items directly",
            ["model"] = loaded is not null ? $"{loaded.Model.Name} ({loaded.Source})" : ModelStateName(modelSlot.State),
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

    // The failure reason stays in the logs: it names files on the server.
    private static string ModelStateName(ModelState state) => state == ModelState.Failed ? "failed" : "loading";
}
