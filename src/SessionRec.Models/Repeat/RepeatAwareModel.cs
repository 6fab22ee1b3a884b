using System.Buffers;
using SessionRec.Core.Items;
using SessionRec.Core.Ranking;

namespace SessionRec.Models.Repeat;

/// <summary>
/// Wraps any model with a repeat/explore mixture (see <see cref="RepeatOptions"/>): items of the session compete
/// with the model's suggestions by how recently and how often they were clicked. Only items the caller does not
/// exclude can return, so with <c>ExcludeSeen</c> on the wrapper passes the model's list through unchanged.
/// </summary>
public sealed class RepeatAwareModel : IMaskedNextItemModel, IDisposable
{
    public RepeatAwareModel(INextItemModel inner, RepeatOptions options)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Inner = inner;
        Options = options;
    }

    public INextItemModel Inner { get; }

    public RepeatOptions Options { get; }

    public string Name => Inner.Name;

    /// <summary>The model under the mixture, for code that needs the concrete model (its sessions, its index).</summary>
    public static INextItemModel Unwrap(INextItemModel model) => model is RepeatAwareModel repeat ? repeat.Inner : model;

    public ItemVocabulary Vocabulary => Inner.Vocabulary;

    /// <summary>Disposes the wrapped model when it holds resources (an ONNX Runtime session).</summary>
    public void Dispose() => (Inner as IDisposable)?.Dispose();

    /// <summary>Masks natively when the wrapped model does.</summary>
    public bool SupportsMask => Inner is IMaskedNextItemModel { SupportsMask: true };

    /// <summary>The mixture over the wrapped model's masked list, with repeat candidates outside the mask dropped.</summary>
    public int Recommend(ReadOnlySpan<int> session, ReadOnlySpan<int> exclude, ItemMask mask, Span<ScoredItem> destination)
    {
        if (Options.Weight <= 0 || session.IsEmpty || destination.IsEmpty || mask.IsAll)
        {
            return mask.IsAll ? Recommend(session, exclude, destination) : MaskedRanking.Recommend(Inner, session, exclude, mask, destination);
        }

        int[] items = ArrayPool<int>.Shared.Rent(session.Length);
        float[] probabilities = ArrayPool<float>.Shared.Rent(session.Length);
        ScoredItem[]? pool = null;
        try
        {
            int found = RepeatMixture.RepeatCandidates(session, exclude, Options.Decay, items, probabilities);
            int repeats = 0;
            for (int i = 0; i < found; i++)
            {
                if (mask.Contains(items[i]))
                {
                    items[repeats] = items[i];
                    probabilities[repeats++] = probabilities[i];
                }
            }

            if (repeats == 0)
            {
                return MaskedRanking.Recommend(Inner, session, exclude, mask, destination);
            }

            int size = Math.Max(Options.Pool, destination.Length + repeats);
            pool = ArrayPool<ScoredItem>.Shared.Rent(size);
            int ranked = MaskedRanking.Recommend(Inner, session, exclude, mask, pool.AsSpan(0, size));
            return Combine(ranked, pool, items, probabilities, repeats, destination);
        }
        finally
        {
            Return(items, probabilities, pool);
        }
    }

    public int Recommend(ReadOnlySpan<int> session, ReadOnlySpan<int> exclude, Span<ScoredItem> destination)
    {
        if (Options.Weight <= 0 || session.IsEmpty || destination.IsEmpty)
        {
            return Inner.Recommend(session, exclude, destination);
        }

        int[] items = ArrayPool<int>.Shared.Rent(session.Length);
        float[] probabilities = ArrayPool<float>.Shared.Rent(session.Length);
        ScoredItem[]? pool = null;
        try
        {
            int repeats = RepeatMixture.RepeatCandidates(session, exclude, Options.Decay, items, probabilities);
            if (repeats == 0)
            {
                return Inner.Recommend(session, exclude, destination);
            }

            int size = Math.Max(Options.Pool, destination.Length + repeats);
            pool = ArrayPool<ScoredItem>.Shared.Rent(size);
            int found = Inner.Recommend(session, exclude, pool.AsSpan(0, size));
            return Combine(found, pool, items, probabilities, repeats, destination);
        }
        finally
        {
            Return(items, probabilities, pool);
        }
    }

    /// <summary>
    /// The async path keeps the inner model's: an embedding model on a remote index is awaited, not blocked on. When
    /// the inner model completes synchronously (in-process models) nothing is allocated, as on <see cref="Recommend"/>.
    /// </summary>
    public ValueTask<int> RecommendAsync(
        ReadOnlyMemory<int> session,
        ReadOnlyMemory<int> exclude,
        Memory<ScoredItem> destination,
        CancellationToken cancellationToken = default)
    {
        if (Options.Weight <= 0 || session.IsEmpty || destination.IsEmpty)
        {
            return Inner.RecommendAsync(session, exclude, destination, cancellationToken);
        }

        int[] items = ArrayPool<int>.Shared.Rent(session.Length);
        float[] probabilities = ArrayPool<float>.Shared.Rent(session.Length);
        int repeats = RepeatMixture.RepeatCandidates(session.Span, exclude.Span, Options.Decay, items, probabilities);
        if (repeats == 0)
        {
            Return(items, probabilities, pool: null);
            return Inner.RecommendAsync(session, exclude, destination, cancellationToken);
        }

        int size = Math.Max(Options.Pool, destination.Length + repeats);
        var pool = ArrayPool<ScoredItem>.Shared.Rent(size);
        ValueTask<int> ranking;
        try
        {
            ranking = Inner.RecommendAsync(session, exclude, pool.AsMemory(0, size), cancellationToken);
        }
        catch
        {
            Return(items, probabilities, pool);
            throw;
        }

        if (!ranking.IsCompletedSuccessfully)
        {
            return CombineWhenRankedAsync(ranking, items, probabilities, repeats, pool, destination);
        }

        try
        {
            return new ValueTask<int>(Combine(ranking.Result, pool, items, probabilities, repeats, destination.Span));
        }
        finally
        {
            Return(items, probabilities, pool);
        }
    }

    private async ValueTask<int> CombineWhenRankedAsync(
        ValueTask<int> ranking, int[] items, float[] probabilities, int repeats, ScoredItem[] pool, Memory<ScoredItem> destination)
    {
        try
        {
            int found = await ranking.ConfigureAwait(false);
            return Combine(found, pool, items, probabilities, repeats, destination.Span);
        }
        finally
        {
            Return(items, probabilities, pool);
        }
    }

    private int Combine(int found, ScoredItem[] pool, int[] items, float[] probabilities, int repeats, Span<ScoredItem> destination) =>
        RepeatMixture.Combine(pool.AsSpan(0, found), items.AsSpan(0, repeats), probabilities.AsSpan(0, repeats), Options, destination);

    private static void Return(int[] items, float[] probabilities, ScoredItem[]? pool)
    {
        ArrayPool<int>.Shared.Return(items);
        ArrayPool<float>.Shared.Return(probabilities);
        if (pool is not null)
        {
            ArrayPool<ScoredItem>.Shared.Return(pool);
        }
    }
}
