using Microsoft.AspNetCore.Http.HttpResults;
using SessionRec.Core.Catalog;
using SessionRec.Core.Privacy;
using SessionRec.Core.Serving;
using SessionRec.Core.Sessions;
using SessionRec.Server.Contracts;
using SessionRec.Server.Validation;

namespace SessionRec.Server.Endpoints;

public static class ClickEndpoints
{
    public static RouteGroupBuilder MapClickEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/click", RecordClick)
            .WithName("RecordClick")
            .WithSummary("Record a click of a session on a catalog item.")
            .Accepts<ClickRequest>("application/json");
        return api;
    }

    internal static async Task<Results<Ok<ClickResponse>, ValidationProblem, ProblemHttpResult>> RecordClick(
        HttpRequest request, SessionIdHasher hasher, ItemCatalog catalog, ClickIngestor clicks, CancellationToken cancellationToken)
    {
        string sessionId, itemId;
        string? eventId;
        try
        {
            using var body = await JsonBody.ReadAsync(request, cancellationToken);
            sessionId = body.RequiredId("session_id");
            itemId = body.RequiredId("item_id");
            eventId = body.OptionalId("event_id");
        }
        catch (RequestProblem problem)
        {
            return Problems.BadRequest(problem);
        }

        if (!catalog.TryGet(itemId, out var item))
        {
            return Problems.NotFound("Unknown item.", $"Item '{itemId}' is not in the catalog; the click was not stored.");
        }

        bool stored;
        try
        {
            // The catalog's own string is stored, so a session's clicks cost a reference each, not a copy.
            stored = await clicks.IngestAsync(hasher.Hash(sessionId), item.ItemId, eventId, request.HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        }
        catch (SessionStoreUnavailableException)
        {
            return Problems.StoreUnavailable(request.HttpContext, "The session store is unavailable; the click was not stored. Retry later.");
        }

        return TypedResults.Ok(new ClickResponse("success", stored ? "Click recorded." : "Click already recorded (same event_id); nothing changed."));
    }
}
