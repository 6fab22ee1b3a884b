using SessionRec.Core.Ranking;
using SessionRec.Core.Retrieval;
using SessionRec.Vectors.Qdrant;
using SessionRec.Vectors.USearch;

namespace SessionRec.Vectors;

/// <summary>Builds the configured <see cref="IMutableItemIndex"/> from a model's item embeddings.</summary>
public static class ItemIndexFactory
{
    /// <summary>
    /// Creates the index of <paramref name="options"/>.Provider over <paramref name="embeddings"/> (row-major
    /// [N + 1, <paramref name="dimension"/>], row 0 padding, e.g. item_embeddings.npy): every item 1..N available,
    /// without category. For Qdrant this creates the collection if needed and upserts all items (idempotent, so
    /// several replicas starting together are fine). The caller owns (disposes) the result.
    /// </summary>
    public static async Task<IMutableItemIndex> CreateAsync(
        ItemIndexOptions options,
        ReadOnlyMemory<float> embeddings,
        int dimension,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        var items = ItemTable.FromMatrix(embeddings.Span, dimension);
        switch (options.Provider)
        {
            case ItemIndexProvider.Exact:
                return new ExactItemIndex(items);
            case ItemIndexProvider.USearch:
                return await Task.Run(() => new USearchItemIndex(items, options.USearch), cancellationToken).ConfigureAwait(false);
            case ItemIndexProvider.Qdrant:
                var index = await QdrantItemIndex.OpenAsync(options.Qdrant, dimension, cancellationToken).ConfigureAwait(false);
                try
                {
                    await index.UpsertAsync(Rows(embeddings, dimension), cancellationToken).ConfigureAwait(false);
                    return index;
                }
                catch
                {
                    index.Dispose();
                    throw;
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown ItemIndex:Provider.");
        }
    }

    /// <summary>Rows 1..N of an [N + 1, dimension] matrix as upserts that share its memory.</summary>
    public static IReadOnlyList<ItemUpsert> Rows(ReadOnlyMemory<float> embeddings, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        int rows = embeddings.Length / dimension;
        var items = new ItemUpsert[Math.Max(0, rows - 1)];
        for (int i = 1; i < rows; i++)
        {
            items[i - 1] = new ItemUpsert(i, embeddings.Slice(i * dimension, dimension));
        }

        return items;
    }
}
