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
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithStoreOutage("The learning state is unavailable; the feedback was not counted and the recommendation is still pending. Retry later.");
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

        var session = hasher.Hash(sessionId);
        limiter.Acquire(session);
        string? source = request.HttpContext.Connection.RemoteIpAddress?.ToString();
        // A store outage surfaces as 503 (WithStoreOutage) and the recommendation stays pending for a retry.
        bool? hit = recommendationId is not null
            ? await feedback.ResolveServedAsync(session, recommendationId, clickedItem, source, cancellationToken)
            : await feedback.ResolveClientListAsync(session, recommendedItems!, clickedItem, source, cancellationToken);

        if (hit is null)
        {
            return TypedResults.Ok(new FeedbackResponse("success", false, null, recommendationId is not null
                ? "Not counted: the recommendation was already resolved, has expired, or is not this session's."
                : "Not counted: this session has no pending recommendation with exactly these items (already resolved, expired, or never served)."));
        }

        return TypedResults.Ok(new FeedbackResponse("success", true, hit, "Feedback recorded."));
    }
}
