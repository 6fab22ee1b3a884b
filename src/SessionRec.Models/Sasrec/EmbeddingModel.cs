using System.Buffers;
using SessionRec.Core.Items;
using SessionRec.Core.Ranking;

namespace SessionRec.Models.Sasrec;

/// <summary>
/// An embedding recommender: encodes the session, then ranks items by inner product with it. The server and the
/// evaluator both go through this, so offline figures are the served model's. Owns its encoder and index: disposing
/// the model disposes whichever of them is disposable.
/// </summary>
public sealed class EmbeddingModel : IMaskedNextItemModel, IDisposable
{
    // Embedding sizes are small; larger ones rent from the pool instead of growing the stack.
    private const int StackQueryLimit = 1024;

    public EmbeddingModel(string name, ItemVocabulary vocabulary, ISessionEncoder encoder, IItemIndex index)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(index);
        if (encoder.Dimension != index.Dimension)
        {
            throw new ArgumentException(
                $"Encoder dimension {encoder.Dimension} differs from index dimension {index.Dimension}.");
        }

        Name = name;
        Vocabulary = vocabulary;
        Encoder = encoder;
        Index = index;
    }

    public string Name { get; }

    public ItemVocabulary Vocabulary { get; }

    public ISessionEncoder Encoder { get; }

    public IItemIndex Index { get; }

    /// <summary>True when the index filters during its search (exact, USearch); a remote index is over-fetched.</summary>
    public bool SupportsMask => Index is IMaskedItemIndex;

    public int Recommend(ReadOnlySpan<int> session, ReadOnlySpan<int> exclude, Span<ScoredItem> destination) =>
        Recommend(session, exclude, default, destination);

    public int Recommend(ReadOnlySpan<int> session, ReadOnlySpan<int> exclude, ItemMask mask, Span<ScoredItem> destination)
    {
        int d = Encoder.Dimension;
        if (d <= StackQueryLimit)
        {
            Span<float> query = stackalloc float[d];
            Encoder.Encode(session, query);
            return Search(query, exclude, mask, destination);
        }

        var rented = ArrayPool<float>.Shared.Rent(d);
        try
        {
            var query = rented.AsSpan(0, d);
            Encoder.Encode(session, query);
            return Search(query, exclude, mask, destination);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Encodes in process, then awaits the index: a remote index (Qdrant) frees the request thread while it searches;
    /// an in-process one completes synchronously, and the pooled query buffer keeps that path allocation-free.
    /// </summary>
    public async ValueTask<int> RecommendAsync(
        ReadOnlyMemory<int> session,
        ReadOnlyMemory<int> exclude,
        Memory<ScoredItem> destination,
        CancellationToken cancellationToken = default)
    {
        int d = Encoder.Dimension;
        var rented = ArrayPool<float>.Shared.Rent(d);
        try
        {
            var query = rented.AsMemory(0, d);
            Encoder.Encode(session.Span, query.Span);
            return await Index.SearchAsync(query, exclude, destination, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    private int Search(ReadOnlySpan<float> query, ReadOnlySpan<int> exclude, ItemMask mask, Span<ScoredItem> destination) =>
        mask.IsAll ? Index.Search(query, exclude, destination)
        : Index is IMaskedItemIndex masked ? masked.Search(query, exclude, mask, destination)
        : throw new NotSupportedException($"{Index.GetType().Name} cannot filter during its search; rank through MaskedRanking.");

    public void Dispose()
    {
        (Encoder as IDisposable)?.Dispose();
        (Index as IDisposable)?.Dispose();
    }
}
