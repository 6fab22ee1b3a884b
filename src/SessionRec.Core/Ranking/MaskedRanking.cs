using System.Buffers;

namespace SessionRec.Core.Ranking;

/// <summary>
/// Ranks with an <see cref="ItemMask"/> through any model: natively when it is an <see cref="IMaskedNextItemModel"/>,
/// else by asking for a longer list (4× at a time, up to the whole vocabulary) and keeping the allowed items, so the
/// answer holds <c>destination.Length</c> items whenever the model can rank that many allowed ones.
/// </summary>
public static class MaskedRanking
{
    public static int Recommend(INextItemModel model, ReadOnlySpan<int> session, ReadOnlySpan<int> exclude, ItemMask mask, Span<ScoredItem> destination)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (mask.IsAll)
        {
            return model.Recommend(session, exclude, destination);
        }

        if (model is IMaskedNextItemModel { SupportsMask: true } masked)
        {
            return masked.Recommend(session, exclude, mask, destination);
        }

        int vocabulary = model.Vocabulary.Count;
        for (int size = FirstSize(destination.Length, vocabulary); ; size = NextSize(size, vocabulary))
        {
            var pool = ArrayPool<ScoredItem>.Shared.Rent(size);
            try
            {
                int found = model.Recommend(session, exclude, pool.AsSpan(0, size));
                int count = Keep(pool.AsSpan(0, found), mask, destination);
                if (count == destination.Length || found < size || size >= vocabulary)
                {
                    return count;
                }
            }
            finally
            {
                ArrayPool<ScoredItem>.Shared.Return(pool);
            }
        }
    }

    public static ValueTask<int> RecommendAsync(INextItemModel model, ReadOnlyMemory<int> session, ReadOnlyMemory<int> exclude, ItemMask mask,
        Memory<ScoredItem> destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (mask.IsAll)
        {
            return model.RecommendAsync(session, exclude, destination, cancellationToken);
        }

        if (model is IMaskedNextItemModel { SupportsMask: true } masked)
        {
            return new(masked.Recommend(session.Span, exclude.Span, mask, destination.Span));
        }

        return OverFetchAsync(model, session, exclude, mask, destination, cancellationToken);
    }

    private static async ValueTask<int> OverFetchAsync(INextItemModel model, ReadOnlyMemory<int> session, ReadOnlyMemory<int> exclude, ItemMask mask,
        Memory<ScoredItem> destination, CancellationToken cancellationToken)
    {
        int vocabulary = model.Vocabulary.Count;
        for (int size = FirstSize(destination.Length, vocabulary); ; size = NextSize(size, vocabulary))
        {
            var pool = ArrayPool<ScoredItem>.Shared.Rent(size);
            try
            {
                int found = await model.RecommendAsync(session, exclude, pool.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
                int count = Keep(pool.AsSpan(0, found), mask, destination.Span);
                if (count == destination.Length || found < size || size >= vocabulary)
                {
                    return count;
                }
            }
            finally
            {
                ArrayPool<ScoredItem>.Shared.Return(pool);
            }
        }
    }

    private static int FirstSize(int k, int vocabulary) => Math.Max(1, Math.Min(vocabulary, Math.Max(4 * k, k + 64)));

    private static int NextSize(int size, int vocabulary) => (int)Math.Min(vocabulary, 4L * size);

    private static int Keep(ReadOnlySpan<ScoredItem> ranked, ItemMask mask, Span<ScoredItem> destination)
    {
        int count = 0;
        foreach (var item in ranked)
        {
            if (count == destination.Length)
            {
                break;
            }

            if (mask.Contains(item.Index))
            {
                destination[count++] = item;
            }
        }

        return count;
    }
}
