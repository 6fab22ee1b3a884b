using SessionRec.Core.Privacy;

namespace SessionRec.Core.Sessions;

/// <summary>
/// Where sessions live: the seam between the in-process default and Redis. Every operation on one session is
/// atomic, so concurrent clicks are all kept, and every read or write refreshes the sliding expiry.
/// </summary>
public interface ISessionStore
{
    /// <summary>Short provider name for health output, e.g. "in-memory" or "redis".</summary>
    string Provider { get; }

    /// <summary>Appends a click, keeps the newest <see cref="SessionRetentionOptions.MaxClicks"/>, refreshes expiry.</summary>
    ValueTask AppendAsync(SessionKey key, string itemId, CancellationToken cancellationToken = default);

    /// <summary>The session's clicks, oldest first, refreshing expiry; empty for an unknown or expired session.</summary>
    ValueTask<IReadOnlyList<string>> ReadAsync(SessionKey key, CancellationToken cancellationToken = default);

    /// <summary>Removes the session at once; false when there was none.</summary>
    ValueTask<bool> DeleteAsync(SessionKey key, CancellationToken cancellationToken = default);

    /// <summary>Sessions that have not expired.</summary>
    ValueTask<long> CountActiveAsync(CancellationToken cancellationToken = default);

    ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken = default);
}
