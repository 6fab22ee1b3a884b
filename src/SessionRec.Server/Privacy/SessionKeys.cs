using SessionRec.Core.Privacy;
using SessionRec.Core.Serving;
using SessionRec.Core.Sessions;

namespace SessionRec.Server.Privacy;

/// <summary>
/// Session ids to storage keys while the HMAC secret rotates: new keys come from the current secret, and sessions
/// stored under a previous secret (<c>Privacy:PreviousSessionIdSecrets</c>) move to the current key the first time
/// they are used, so live sessions survive a rotation; erasure erases under every key. Without previous secrets this
/// is one hash and nothing else. Lives beside the serving flows rather than in the stores, so Redis needs no change.
/// </summary>
public sealed class SessionKeys(SessionIdHasher current, IReadOnlyList<SessionIdHasher> previous, ISessionStore sessions, ClickIngestor clicks)
{
    /// <summary>The current key of the session, after moving its clicks over from a previous secret's key if any.</summary>
    public async ValueTask<SessionKey> ForUseAsync(string sessionId, CancellationToken cancellationToken)
    {
        var key = current.Hash(sessionId);
        foreach (var hasher in previous)
        {
            try
            {
                await MoveAsync(hasher.Hash(sessionId), key, cancellationToken);
            }
            catch (SessionStoreUnavailableException)
            {
                // The request itself decides how to answer an outage; the move is retried on the next use.
                break;
            }
        }

        return key;
    }

    /// <summary>Erases the session (clicks and pending recommendations) under the current and every previous key.</summary>
    public async ValueTask DeleteAsync(string sessionId, CancellationToken cancellationToken)
    {
        await clicks.DeleteSessionAsync(current.Hash(sessionId), cancellationToken);
        foreach (var hasher in previous)
        {
            await clicks.DeleteSessionAsync(hasher.Hash(sessionId), cancellationToken);
        }
    }

    private async ValueTask MoveAsync(SessionKey from, SessionKey to, CancellationToken cancellationToken)
    {
        var old = await sessions.ReadAsync(from, cancellationToken);
        // Only the request whose delete removed the old session re-appends its clicks, so racing requests never
        // copy them twice. Its pending recommendations go with it: they resolve as expired.
        if (old.Count == 0 || !await clicks.DeleteSessionAsync(from, cancellationToken))
        {
            return;
        }

        foreach (var item in old)
        {
            await sessions.AppendAsync(to, item, cancellationToken);
        }
    }
}
