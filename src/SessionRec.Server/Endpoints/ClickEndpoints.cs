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
            .WithStoreOutage("The session store is unavailable; the click was not stored. Retry later.");
        return api;
    }

    internal static async Task<Results<Ok<ClickResponse>, ProblemHttpResult>> RecordClick(
        HttpRequest request, SessionKeys keys, SessionRateLimiter limiter, ItemCatalog catalog, ClickIngestor clicks, CancellationToken cancellationToken)
    {
        string sessionId, itemId;
        using (var body = await JsonBody.ReadAsync(request, cancellationToken))
        {
            sessionId = body.RequiredId("session_id");
            itemId = body.RequiredId("item_id");
        }

        if (!catalog.Contains(itemId))
        {
            return Problems.NotFound("Unknown item.", $"Item '{itemId}' is not in the catalog; the click was not stored.");
        }

        var key = await keys.ForUseAsync(sessionId, cancellationToken);
        limiter.Acquire(key);
        await clicks.IngestAsync(key, itemId, cancellationToken);

        return TypedResults.Ok(new ClickResponse("success", "Click recorded."));
    }
}
