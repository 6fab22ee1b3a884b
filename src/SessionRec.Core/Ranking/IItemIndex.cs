namespace SessionRec.Core.Ranking;

/// <summary>Top-K by inner product over item vectors. Implementations must be safe for concurrent searches.</summary>
public interface IItemIndex
{
    int Dimension { get; }

    /// <summary>
    /// Writes the items with the largest inner product with <paramref name="query"/> into
    /// <paramref name="destination"/>, best first, skipping <paramref name="exclude"/>; returns how many were written.
    /// </summary>
    int Search(ReadOnlySpan<float> query, ReadOnlySpan<int> exclude, Span<ScoredItem> destination);

    /// <summary>
    /// <see cref="Search"/> for callers on an async path: remote providers (Qdrant) do not block a thread on the
    /// network here. In-process indexes keep this default, which completes synchronously without allocating.
    /// </summary>
    ValueTask<int> SearchAsync(
        ReadOnlyMemory<float> query,
        ReadOnlyMemory<int> exclude,
        Memory<ScoredItem> destination,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(Search(query.Span, exclude.Span, destination.Span));
    }
}
