namespace SessionRec.Core.Ranking;

/// <summary>
/// One item to write into an <see cref="IMutableItemIndex"/>: its dense index (1..N; 0 is the padding item and is
/// rejected), its embedding, and the payload the index filters on.
/// </summary>
/// <param name="Category">Free-form category kept as payload; not used for ranking.</param>
/// <param name="Available">Unavailable items (out of stock, withdrawn) stay stored but are never returned.</param>
public readonly record struct ItemUpsert(int Index, ReadOnlyMemory<float> Vector, string? Category = null, bool Available = true);

/// <summary>
/// The item-index contract shared by every provider (exact scan, USearch HNSW, Qdrant): an <see cref="IItemIndex"/>
/// whose items can be upserted and deleted while it serves. <see cref="IItemIndex.Search"/> and
/// <see cref="IItemIndex.SearchAsync"/> skip the given exclusions, deleted items, unavailable items and the padding item 0.
/// A write is visible to every search that starts after its task completes; searches running during a write see
/// either the state before it or the state after it. All members are safe to call concurrently.
/// </summary>
public interface IMutableItemIndex : IItemIndex, IDisposable
{
    /// <summary>
    /// Inserts or replaces items (vector and payload). The batch is validated as a whole before anything is written:
    /// an index below 1 or a vector whose length is not <see cref="IItemIndex.Dimension"/> throws
    /// <see cref="ArgumentException"/>. When an index appears twice in one batch, the last entry wins.
    /// </summary>
    Task UpsertAsync(IReadOnlyList<ItemUpsert> items, CancellationToken cancellationToken = default);

    /// <summary>Removes items; indices that are not stored are ignored.</summary>
    Task DeleteAsync(IReadOnlyList<int> indices, CancellationToken cancellationToken = default);

}
