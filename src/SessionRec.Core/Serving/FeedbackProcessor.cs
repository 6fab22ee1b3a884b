using SessionRec.Core.Metrics;
using SessionRec.Core.Privacy;
using SessionRec.Core.Sessions;

namespace SessionRec.Core.Serving;

/// <summary>
/// Explicit feedback: resolves a served recommendation once, from the server's own record. When the store fails
/// half-way the record is put back, so a client's retry after the 503 still counts.
/// </summary>
public sealed class FeedbackProcessor(IServedRecommendationStore served, RecommendationResolver resolver, OnlineMetrics metrics)
{
    /// <summary>Resolves by id. Returns null when the recommendation is unknown, expired or already resolved.</summary>
    public async ValueTask<bool?> ResolveServedAsync(SessionKey session, string recommendationId, string? clickedItem, string? source = null, CancellationToken cancellationToken = default)
    {
        var recommendation = await served.TakeAsync(session, recommendationId, cancellationToken);
        return await ResolveTakenAsync(session, recommendation, clickedItem, source, cancellationToken);
    }

    /// <summary>
    /// The original service's form, where the client states what it was shown. It counts only when the list is one
    /// this session was served and is still pending (then it resolves that record, once); otherwise null and nothing
    /// moves, so invented lists cannot raise hit rate.
    /// </summary>
    public async ValueTask<bool?> ResolveClientListAsync(SessionKey session, IReadOnlyList<string> recommendedItems, string? clickedItem, string? source = null, CancellationToken cancellationToken = default)
    {
        var recommendation = await served.TakeMatchingAsync(session, recommendedItems, cancellationToken);
        return await ResolveTakenAsync(session, recommendation, clickedItem, source, cancellationToken);
    }

    private async ValueTask<bool?> ResolveTakenAsync(SessionKey session, ServedRecommendation? recommendation, string? clickedItem, string? source, CancellationToken cancellationToken)
    {
        metrics.FeedbackReceived();
        if (recommendation is null)
        {
            return null;
        }

        bool hit;
        try
        {
            hit = await resolver.ResolveAsync(session, recommendation, clickedItem, source, cancellationToken);
        }
        catch (SessionStoreUnavailableException)
        {
            await RestoreAsync(recommendation);
            throw;
        }

        try
        {
            await served.ConfirmTakenAsync(session, recommendation.Id, cancellationToken);
        }
        catch (SessionStoreUnavailableException)
        {
            // Counted already; the aside copy expires on its own.
        }

        return hit;
    }

    /// <summary>Best effort: if the store is still away, the record is lost with it (and the client got a 503).</summary>
    private async ValueTask RestoreAsync(ServedRecommendation recommendation)
    {
        try
        {
            await served.RecordAsync(recommendation, CancellationToken.None);
        }
        catch (SessionStoreUnavailableException)
        {
        }
    }
}
