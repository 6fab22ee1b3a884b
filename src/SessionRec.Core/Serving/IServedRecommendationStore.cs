using SessionRec.Core.Privacy;

namespace SessionRec.Core.Serving;

/// <summary>
/// What was served and not yet resolved: part of the shared learning state, so that a click or feedback reaching
/// any replica resolves a recommendation served by any other, exactly once. Records expire with the session TTL.
/// </summary>
public interface IServedRecommendationStore
{
    ValueTask RecordAsync(ServedRecommendation recommendation, CancellationToken cancellationToken = default);

    /// <summary>Takes one recommendation of this session by id; null when unknown, expired or already resolved.</summary>
    ValueTask<ServedRecommendation?> TakeAsync(SessionKey session, string recommendationId, CancellationToken cancellationToken = default);

    /// <summary>Takes every pending recommendation of the session (its next click resolves them all).</summary>
    ValueTask<IReadOnlyList<ServedRecommendation>> TakeAllAsync(SessionKey session, CancellationToken cancellationToken = default);

    ValueTask DeleteSessionAsync(SessionKey session, CancellationToken cancellationToken = default);
}
