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
    ServedRecommendationLedger ledger,
    RecommendationResolver resolver,
    TrendingItems trending,
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

        foreach (var served in ledger.TakeAll(session))
        {
            resolver.Resolve(served.Items, served.ColdStart, itemId);
        }

        trending.Record(itemId);
        metrics.ClickReceived();
    }

    public async ValueTask<bool> DeleteSessionAsync(SessionKey session, CancellationToken cancellationToken = default)
    {
        ledger.DeleteSession(session);
        return await sessions.DeleteAsync(session, cancellationToken);
    }
}
