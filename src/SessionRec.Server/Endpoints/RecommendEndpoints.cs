using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SessionRec.Core.Catalog;
using SessionRec.Core.Serving;
using SessionRec.Core.Sessions;
using SessionRec.Server.Contracts;
using SessionRec.Server.Hosting;
using SessionRec.Server.Privacy;
using SessionRec.Server.Security;
using SessionRec.Server.Validation;

namespace SessionRec.Server.Endpoints;

public static class RecommendEndpoints
{
    public static RouteGroupBuilder MapRecommendEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/recommend", Recommend)
            .WithName("Recommend")
            .WithSummary("Recommend the next items for a session (cold start below the click threshold), or for a list of items without storing anything.")
            .AcceptsJson<RecommendRequest>()
            .WithStoreOutage("The session store is unavailable; the click (item_id) was not stored. Retry later.");
        return api;
    }

    internal static async Task<Results<Ok<RecommendResponse>, ProblemHttpResult>> Recommend(
        HttpRequest request,
        SessionKeys keys,
        SessionRateLimiter limiter,
        SessionRecommender recommender,
        ItemCatalog catalog,
        ClickIngestor clicks,
        IOptions<RecommendationOptions> options,
        IOptions<SessionRetentionOptions> retention,
        CancellationToken cancellationToken)
    {
        string? sessionId, itemId, eventId;
        IReadOnlyList<string>? recentItems;
        int k;
        RecommendationFilter filter;
        ItemFields include;
        var snapshot = catalog.Snapshot;
        using (var body = await JsonBody.ReadAsync(request, cancellationToken))
        {
            sessionId = body.OptionalId("session_id");
            recentItems = body.OptionalIdArray("items", retention.Value.MaxClicks);
            k = body.OptionalInt("k", 1, RecommendationOptions.MaxK) ?? options.Value.DefaultK;
            itemId = body.OptionalId("item_id");
            eventId = body.OptionalId("event_id");
            filter = RecommendationFilters.FromBody(body.Root, snapshot);
            include = ItemFieldsReader.Parse(body.OptionalIdArray("include", ItemFieldsReader.Names.Length), "include");
        }

        if ((sessionId is null) == (recentItems is null))
        {
            throw sessionId is null
                ? new RequestProblem("session_id", "'session_id' or 'items' is required (exactly one of them).")
                : new RequestProblem("items", "Send exactly one of 'session_id' and 'items': 'items' asks without a session.");
        }

        if (recentItems is not null && (itemId ?? eventId) is not null)
        {
            throw new RequestProblem(itemId is not null ? "item_id" : "event_id", "'item_id' and 'event_id' record a click, which needs a 'session_id'.");
        }

        RecommendationResult result;
        string? clickMessage = null;
        if (recentItems is not null)
        {
            result = await recommender.RecommendForItemsAsync(recentItems, k, filter, cancellationToken);
        }
        else
        {
            CatalogItem? clicked = null;
            if (itemId is not null && !catalog.TryGet(itemId, out clicked))
            {
                return Problems.NotFound("Unknown item.", $"Item '{itemId}' is not in the catalog; the click was not stored and nothing was recommended.");
            }

            var key = await keys.ForUseAsync(sessionId!, cancellationToken);
            limiter.Acquire(key);
            if (clicked is not null)
            {
                // The same flow as /click: stored first, then resolved and learnt from; the recommendation sees it.
                bool stored = await clicks.IngestAsync(key, clicked.ItemId, eventId, request.HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
                clickMessage = stored ? "Click recorded." : "Click already recorded (same event_id); nothing changed.";
            }

            result = await recommender.RecommendAsync(key, k, filter, cancellationToken);
        }

        request.HttpContext.Items[RecommendLatencyMiddleware.StrategyKey] = result.Strategy;
        request.HttpContext.Items[RecommendLatencyMiddleware.ArmKey] = result.Arm;
        return TypedResults.Ok(new RecommendResponse(
            sessionId,
            result.RecommendationId,
            result.Items,
            result.Scores,
            result.UsedColdStart,
            result.Strategy,
            result.Model,
            clickMessage is null ? result.Message : $"{clickMessage} {result.Message}",
            ItemFieldsReader.Describe(result.Items, include, catalog.Snapshot),
            result.Arm));
    }
}
