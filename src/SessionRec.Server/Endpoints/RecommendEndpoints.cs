using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SessionRec.Core.Serving;
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
            .WithSummary("Recommend the next items for a session (cold start below the click threshold).")
            .AcceptsJson<RecommendRequest>();
        return api;
    }

    internal static async Task<Ok<RecommendResponse>> Recommend(
        HttpRequest request,
        SessionKeys keys,
        SessionRateLimiter limiter,
        SessionRecommender recommender,
        IOptions<RecommendationOptions> options,
        CancellationToken cancellationToken)
    {
        string sessionId;
        int k;
        using (var body = await JsonBody.ReadAsync(request, cancellationToken))
        {
            sessionId = body.RequiredId("session_id");
            k = body.OptionalInt("k", 1, RecommendationOptions.MaxK) ?? options.Value.DefaultK;
        }

        var key = await keys.ForUseAsync(sessionId, cancellationToken);
        limiter.Acquire(key);
        var result = await recommender.RecommendAsync(key, k, cancellationToken);
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
            result.Message,
            result.Arm));
    }
}
