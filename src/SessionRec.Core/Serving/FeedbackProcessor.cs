using SessionRec.Core.Metrics;
using SessionRec.Core.Privacy;

namespace SessionRec.Core.Serving;

/// <summary>Explicit feedback: resolves a served recommendation once, from the server's own record.</summary>
public sealed class FeedbackProcessor(ServedRecommendationLedger ledger, RecommendationResolver resolver, OnlineMetrics metrics)
{
    /// <summary>Resolves by id. Returns null when the recommendation is unknown, expired or already resolved.</summary>
    public bool? ResolveServed(SessionKey session, string recommendationId, string? clickedItem)
    {
        metrics.FeedbackReceived();
        var served = ledger.Take(session, recommendationId);
        return served is null ? null : resolver.Resolve(served.Items, served.ColdStart, clickedItem);
    }

    /// <summary>
    /// The original service's form, where the client states what it was shown. Kept for compatibility; it counts
    /// towards hit rate but never trains the bandit, because the server cannot vouch for the list.
    /// </summary>
    public bool ResolveClientList(IReadOnlyList<string> recommendedItems, string? clickedItem)
    {
        metrics.FeedbackReceived();
        return resolver.Resolve(recommendedItems, coldStart: false, clickedItem);
    }
}
