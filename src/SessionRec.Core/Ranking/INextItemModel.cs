using SessionRec.Core.Items;

namespace SessionRec.Core.Ranking;

/// <summary>
/// The model seam: ranks the catalog for a session. Session-kNN and popularity implement it directly;
/// embedding models (SASRec) compose an <see cref="ISessionEncoder"/> with an <see cref="IItemIndex"/>.
/// The server and the offline evaluator both call this, so offline figures are the served figures.
/// Implementations must be safe for concurrent calls.
/// </summary>
public interface INextItemModel
{
    /// <summary>Short model type, e.g. "vsknn", "popularity", "sasrec".</summary>
    string Name { get; }

    ItemVocabulary Vocabulary { get; }

    /// <summary>
    /// Writes the best items for <paramref name="session"/> (dense indices, oldest first) into
    /// <paramref name="destination"/>, best first, skipping every index in <paramref name="exclude"/>.
    /// Returns how many were written: <c>destination.Length</c> unless the catalog runs out.
    /// </summary>
    int Recommend(ReadOnlySpan<int> session, ReadOnlySpan<int> exclude, Span<ScoredItem> destination);

    /// <summary>
    /// <see cref="Recommend"/> for the server's async request path. In-process models keep this default (it completes
    /// synchronously, no allocation); models whose ranking goes over the network (an embedding model on a remote item
    /// index) await it instead of blocking a request thread.
    /// </summary>
    ValueTask<int> RecommendAsync(
        ReadOnlyMemory<int> session,
        ReadOnlyMemory<int> exclude,
        Memory<ScoredItem> destination,
        CancellationToken cancellationToken = default) =>
        new(Recommend(session.Span, exclude.Span, destination.Span));
}
