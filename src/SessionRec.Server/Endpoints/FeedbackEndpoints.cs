using Microsoft.AspNetCore.Http.HttpResults;
using SessionRec.Core.Catalog;
using SessionRec.Core.Privacy;
using SessionRec.Core.Serving;
using SessionRec.Core.Sessions;
using SessionRec.Server.Contracts;
using SessionRec.Server.Validation;

namespace SessionRec.Server.Endpoints;

public static class FeedbackEndpoints
{
    public static RouteGroupBuilder MapFeedbackEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/feedback", RecordFeedback)
            .WithName("RecordFeedback")
            .WithSummary("Resolve a served recommendation: which item, if any, the session clicked.")
            .Accepts<FeedbackRequest>("application/json");
        return api;
    }

    internal static async Task<Results<Ok<FeedbackResponse>, ValidationProblem, ProblemHttpResult>> RecordFeedback(
        HttpRequest request, SessionIdHasher hasher, ItemCatalog catalog, FeedbackProcessor feedback, CancellationToken cancellationToken)
    {
        string sessionId;
        string? recommendationId, clickedItem;
        IReadOnlyList<string>? recommendedItems;
        try
        {
            using var body = await JsonBody.ReadAsync(request, cancellationToken);
            sessionId = body.RequiredId("session_id");
            recommendationId = body.OptionalId("recommendation_id");
            recommendedItems = body.OptionalIdArray("recommended_items", RequestLimits.MaxRecommendedItems);
            clickedItem = body.OptionalId("clicked_item");
            if (recommendationId is null && recommendedItems is null)
            {
                throw new RequestProblem("recommendation_id", "Either 'recommendation_id' or 'recommended_items' is required.");
            }
        }
        catch (RequestProblem problem)
        {
            return Problems.BadRequest(problem);
        }

        if (clickedItem is not null && !catalog.Contains(clickedItem))
        {
            return Problems.NotFound("Unknown item.", $"Item '{clickedItem}' is not in the catalog; the feedback was not counted.");
        }

        var session = hasher.Hash(sessionId);
        string? source = request.HttpContext.Connection.RemoteIpAddress?.ToString();
        bool? hit;
        try
        {
            hit = recommendationId is not null
                ? await feedback.ResolveServedAsync(session, recommendationId, clickedItem, source, cancellationToken)
                : await feedback.ResolveClientListAsync(session, recommendedItems!, clickedItem, source, cancellationToken);
        }
        catch (SessionStoreUnavailableException)
        {
            return Problems.StoreUnavailable(request.HttpContext, "The store is unavailable; the feedback was not counted and the recommendation is still pending. Retry later.");
        }

        if (hit is null)
        {
            return TypedResults.Ok(new FeedbackResponse("success", false, null, recommendationId is not null
                ? "Not counted: the recommendation was already resolved, has expired, or is not this session's."
                : "Not counted: this session has no pending recommendation with exactly these items (already resolved, expired, or never served)."));
        }

        return TypedResults.Ok(new FeedbackResponse("success", true, hit, "Feedback recorded."));
    }
}
