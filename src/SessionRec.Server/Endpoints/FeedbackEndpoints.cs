using Microsoft.AspNetCore.Http.HttpResults;
using SessionRec.Core.Catalog;
using SessionRec.Core.Privacy;
using SessionRec.Core.Serving;
using SessionRec.Server.Contracts;
using SessionRec.Server.Security;
using SessionRec.Server.Validation;

namespace SessionRec.Server.Endpoints;

public static class FeedbackEndpoints
{
    public static RouteGroupBuilder MapFeedbackEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/feedback", RecordFeedback)
            .WithName("RecordFeedback")
            .WithSummary("Resolve a served recommendation: which item, if any, the session clicked.")
            .AcceptsJson<FeedbackRequest>()
            .WithStoreOutage("The learning state is unavailable; the feedback was not recorded. Retry later.");
        return api;
    }

    internal static async Task<Results<Ok<FeedbackResponse>, ProblemHttpResult>> RecordFeedback(
        HttpRequest request, SessionIdHasher hasher, SessionRateLimiter limiter, ItemCatalog catalog, FeedbackProcessor feedback, CancellationToken cancellationToken)
    {
        string sessionId;
        string? recommendationId, clickedItem;
        IReadOnlyList<string>? recommendedItems;
        using (var body = await JsonBody.ReadAsync(request, cancellationToken))
        {
            sessionId = body.RequiredId("session_id");
            recommendationId = body.OptionalId("recommendation_id");
            recommendedItems = body.OptionalIdArray("recommended_items", RequestLimits.MaxRecommendedItems);
            clickedItem = body.OptionalId("clicked_item");
            if (recommendationId is null && recommendedItems is null)
            {
                throw new RequestProblem("recommendation_id", "Either 'recommendation_id' or 'recommended_items' is required.");
            }
        }

        if (clickedItem is not null && !catalog.Contains(clickedItem))
        {
            return Problems.NotFound("Unknown item.", $"Item '{clickedItem}' is not in the catalog; the feedback was not counted.");
        }

        var key = hasher.Hash(sessionId);
        limiter.Acquire(key);
        if (recommendationId is not null)
        {
            bool? hit = await feedback.ResolveServedAsync(key, recommendationId, clickedItem, cancellationToken);
            return TypedResults.Ok(hit is null
                ? new FeedbackResponse("success", false, null, "Not counted: the recommendation was already resolved, has expired, or is not this session's.")
                : new FeedbackResponse("success", true, hit, "Feedback recorded."));
        }

        bool listHit = await feedback.ResolveClientListAsync(recommendedItems!, clickedItem, cancellationToken);
        return TypedResults.Ok(new FeedbackResponse("success", true, listHit, "Feedback recorded (client-supplied list)."));
    }
}
