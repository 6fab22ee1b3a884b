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

    /// <summary>
    /// Appends a click unless <paramref name="eventId"/> (a client-chosen id of this click) was already recorded for
    /// the session, and says whether this is the session's first click of the item. Stores that keep no such ledger
    /// store every click as new.
    /// </summary>
    async ValueTask<ClickAppend> AppendClickAsync(SessionKey key, string itemId, string? eventId, CancellationToken cancellationToken = default)
    {
        await AppendAsync(key, itemId, cancellationToken);
        return new ClickAppend(true, true);
    }

    /// <summary>
    /// Which of <paramref name="items"/> this session may still reward in the bandit: each arm once per session life,
    /// and at most <paramref name="maxRewardsPerMinute"/> rewarded slates a minute (none of them when over). Claimed
    /// arms are remembered with the session. Stores without a ledger allow every arm.
    /// </summary>
    ValueTask<bool[]> ClaimArmsAsync(SessionKey key, IReadOnlyList<string> items, int maxRewardsPerMinute, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        return ValueTask.FromResult(Enumerable.Repeat(true, items.Count).ToArray());
    }

    /// <summary>The session's clicks, oldest first, refreshing expiry; empty for an unknown or expired session.</summary>
    ValueTask<IReadOnlyList<string>> ReadAsync(SessionKey key, CancellationToken cancellationToken = default);

    /// <summary>Removes the session at once; false when there was none.</summary>
    ValueTask<bool> DeleteAsync(SessionKey key, CancellationToken cancellationToken = default);

    /// <summary>Sessions that have not expired.</summary>
    ValueTask<long> CountActiveAsync(CancellationToken cancellationToken = default);

    ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken = default);
}
