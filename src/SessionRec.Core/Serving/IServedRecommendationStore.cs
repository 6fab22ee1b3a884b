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

    /// <summary>
    /// Says that a recommendation taken by <see cref="TakeAsync"/> was fully learnt from. Stores whose take can succeed
    /// while its reply is lost (Redis during a stall) keep a taken record aside until this, so a client's retry after
    /// a 503 can still resolve it; the in-process store needs nothing.
    /// </summary>
    ValueTask ConfirmTakenAsync(SessionKey session, string recommendationId, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <summary>
    /// Takes the session's pending recommendation whose first items are <paramref name="items"/> (the original feedback
    /// form names the list it was shown); null when the session was served no such list or it was already resolved.
    /// </summary>
    ValueTask<ServedRecommendation?> TakeMatchingAsync(SessionKey session, IReadOnlyList<string> items, CancellationToken cancellationToken = default);

    /// <summary>Takes every pending recommendation of the session (its next click resolves them all).</summary>
    ValueTask<IReadOnlyList<ServedRecommendation>> TakeAllAsync(SessionKey session, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets the session's records and leaves a short tombstone (<see cref="Sessions.SessionRetentionOptions.TombstoneTtl"/>):
    /// a recommendation that read the session before the delete cannot record anything for it after.
    /// </summary>
    ValueTask DeleteSessionAsync(SessionKey session, CancellationToken cancellationToken = default);

    /// <summary>Records held now, when the store can count them cheaply (null otherwise).</summary>
    ValueTask<long?> CountPendingAsync(CancellationToken cancellationToken = default);
}
