using SessionRec.Core.Metrics;
using SessionRec.Core.Privacy;

namespace SessionRec.Core.Serving;

/// <summary>Explicit feedback: resolves a served recommendation once, from the server's own record.</summary>
public sealed class FeedbackProcessor(IServedRecommendationStore served, RecommendationResolver resolver, OnlineMetrics metrics)
{
    /// <summary>Resolves by id. Returns null when the recommendation is unknown, expired or already resolved.</summary>
    public async ValueTask<bool?> ResolveServedAsync(SessionKey session, string recommendationId, string? clickedItem, CancellationToken cancellationToken = default)
    {
        metrics.FeedbackReceived();
        var recommendation = await served.TakeAsync(session, recommendationId, cancellationToken);
        return recommendation is null ? null : await resolver.ResolveAsync(recommendation.Items, recommendation.ColdStart, clickedItem, cancellationToken);
    }

    /// <summary>
    /// The original service's form, where the client states what it was shown. Kept for compatibility; it counts
    /// towards hit rate but never trains the bandit, because the server cannot vouch for the list.
    /// </summary>
    public ValueTask<bool> ResolveClientListAsync(IReadOnlyList<string> recommendedItems, string? clickedItem, CancellationToken cancellationToken = default)
    {
        metrics.FeedbackReceived();
        return resolver.ResolveAsync(recommendedItems, coldStart: false, clickedItem, cancellationToken);
    }
}
