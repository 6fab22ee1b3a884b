using Microsoft.AspNetCore.Http.HttpResults;
using SessionRec.Core.Catalog;
using SessionRec.Core.Serving;
using SessionRec.Server.Contracts;
using SessionRec.Server.Privacy;
using SessionRec.Server.Security;
using SessionRec.Server.Validation;

namespace SessionRec.Server.Endpoints;

public static class ClickEndpoints
{
    public static RouteGroupBuilder MapClickEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/click", RecordClick)
            .WithName("RecordClick")
            .WithSummary("Record a click of a session on a catalog item.")
            .AcceptsJson<ClickRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithStoreOutage("The session store is unavailable; the click was not stored. Retry later.");
        return api;
    }

    internal static async Task<Results<Ok<ClickResponse>, ProblemHttpResult>> RecordClick(
        HttpRequest request, SessionKeys keys, SessionRateLimiter limiter, ItemCatalog catalog, ClickIngestor clicks, CancellationToken cancellationToken)
    {
        string sessionId, itemId;
        string? eventId;
        using (var body = await JsonBody.ReadAsync(request, cancellationToken))
        {
            sessionId = body.RequiredId("session_id");
            itemId = body.RequiredId("item_id");
            eventId = body.OptionalId("event_id");
        }

        if (!catalog.TryGet(itemId, out var item))
        {
            return Problems.NotFound("Unknown item.", $"Item '{itemId}' is not in the catalog; the click was not stored.");
        }

        var key = await keys.ForUseAsync(sessionId, cancellationToken);
        limiter.Acquire(key);
        // The catalog's own string is stored, so a session's clicks cost a reference each, not a copy.
        bool stored = await clicks.IngestAsync(key, item.ItemId, eventId, request.HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);

        return TypedResults.Ok(new ClickResponse("success", stored ? "Click recorded." : "Click already recorded (same event_id); nothing changed."));
    }
}
