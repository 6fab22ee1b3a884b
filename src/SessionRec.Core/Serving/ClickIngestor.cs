using System.Diagnostics;
using SessionRec.Core.ColdStart;
using SessionRec.Core.Metrics;
using SessionRec.Core.Privacy;
using SessionRec.Core.Sessions;
using SessionRec.Core.Telemetry;

namespace SessionRec.Core.Serving;

/// <summary>
/// The click flow: store the click first (an acknowledged click is never lost), then resolve whatever was recommended
/// to this session before it, and count the click for trending.
/// </summary>
public sealed class ClickIngestor(
    ISessionStore sessions,
    IServedRecommendationStore served,
    RecommendationResolver resolver,
    ITrendingStore trending,
    OnlineMetrics metrics)
{
    public async ValueTask IngestAsync(SessionKey session, string itemId, CancellationToken cancellationToken = default)
    {
        using (SessionRecTelemetry.ActivitySource.StartActivity("session.append"))
        {
            long started = Stopwatch.GetTimestamp();
            await sessions.AppendAsync(session, itemId, cancellationToken);
            SessionRecTelemetry.SessionStoreDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, SessionRecTelemetry.Tag("operation", "append"));
        }

        metrics.ClickReceived();
        try
        {
            foreach (var recommendation in await served.TakeAllAsync(session, cancellationToken))
            {
                await resolver.ResolveAsync(recommendation.Items, recommendation.ColdStart, itemId, cancellationToken);
            }

            await trending.RecordAsync(itemId, cancellationToken);
        }
        catch (SessionStoreUnavailableException)
        {
            // The click is stored, so it is acknowledged; only learning from it is lost while the backend is away.
        }
    }

    public async ValueTask<bool> DeleteSessionAsync(SessionKey session, CancellationToken cancellationToken = default)
    {
        await served.DeleteSessionAsync(session, cancellationToken);
        return await sessions.DeleteAsync(session, cancellationToken);
    }
}
