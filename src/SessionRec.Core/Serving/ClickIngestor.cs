using System.Diagnostics;
using SessionRec.Core.ColdStart;
using SessionRec.Core.Metrics;
using SessionRec.Core.Privacy;
using SessionRec.Core.Sessions;
using SessionRec.Core.Telemetry;

namespace SessionRec.Core.Serving;

/// <summary>
/// The click flow: store the click first (an acknowledged click is never lost), then resolve whatever was recommended
/// to this session before it, and count the click for trending (once per item per session, and once per item per
/// client address and window).
/// </summary>
public sealed class ClickIngestor(
    ISessionStore sessions,
    IServedRecommendationStore served,
    RecommendationResolver resolver,
    ITrendingStore trending,
    SourceLearningBudget budget,
    SourceItemLedger ledger,
    OnlineMetrics metrics)
{
    public async ValueTask IngestAsync(SessionKey session, string itemId, CancellationToken cancellationToken = default) =>
        await IngestAsync(session, itemId, eventId: null, source: null, cancellationToken);

    /// <summary>
    /// Stores the click unless <paramref name="eventId"/> was already recorded for the session (a client's retry);
    /// returns false for such a repeat, which changes nothing. <paramref name="source"/> is the client's address, for
    /// the per-address learning bounds (null: not limited).
    /// </summary>
    public async ValueTask<bool> IngestAsync(SessionKey session, string itemId, string? eventId, string? source, CancellationToken cancellationToken = default)
    {
        ClickAppend appended;
        using (SessionRecTelemetry.ActivitySource.StartActivity("session.append"))
        {
            long started = Stopwatch.GetTimestamp();
            appended = await sessions.AppendClickAsync(session, itemId, eventId, cancellationToken);
            SessionRecTelemetry.SessionStoreDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, SessionRecTelemetry.Tag("operation", "append"));
        }

        if (!appended.Stored)
        {
            return false;
        }

        metrics.ClickReceived();
        try
        {
            foreach (var recommendation in await served.TakeAllAsync(session, cancellationToken))
            {
                await resolver.ResolveAsync(session, recommendation, itemId, source, cancellationToken);
            }

            if (appended.FirstOfItem && budget.TryTake(source) && ledger.TryClaimTrending(source, itemId))
            {
                await trending.RecordAsync(itemId, cancellationToken);
            }
        }
        catch (SessionStoreUnavailableException)
        {
            // The click is stored, so it is acknowledged; only learning from it is lost while the backend is away.
        }

        return true;
    }

    public async ValueTask<bool> DeleteSessionAsync(SessionKey session, CancellationToken cancellationToken = default)
    {
        await served.DeleteSessionAsync(session, cancellationToken);
        return await sessions.DeleteAsync(session, cancellationToken);
    }
}
