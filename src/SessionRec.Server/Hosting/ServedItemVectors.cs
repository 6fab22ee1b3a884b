using System.Runtime.CompilerServices;
using SessionRec.Core.Ranking;

namespace SessionRec.Server.Hosting;

/// <summary>
/// The item embeddings each served index was built from, kept so catalog changes can be written to the index through
/// its upsert contract (which takes the vector with the payload), remote indexes (Qdrant) included. Keyed by the index
/// itself: a reload or an experiment arm brings an index of its own, and a retired index's vectors go with it.
/// </summary>
public sealed class ServedItemVectors
{
    private readonly ConditionalWeakTable<IItemIndex, Table> _tables = new();

    public void Remember(IItemIndex index, ReadOnlyMemory<float> table, int dimension)
    {
        ArgumentNullException.ThrowIfNull(index);
        _tables.AddOrUpdate(index, new Table(table, dimension));
    }

    /// <summary>Row <paramref name="row"/>'s vector in <paramref name="index"/>, or false when no embedding table is known
    /// for that index or it has no such row.</summary>
    public bool TryGet(IItemIndex index, int row, out ReadOnlyMemory<float> vector)
    {
        ArgumentNullException.ThrowIfNull(index);
        vector = default;
        if (!_tables.TryGetValue(index, out var current) || row < 1 || (long)(row + 1) * current.Dimension > current.Vectors.Length)
        {
            return false;
        }

        vector = current.Vectors.Slice(row * current.Dimension, current.Dimension);
        return true;
    }

    private sealed record Table(ReadOnlyMemory<float> Vectors, int Dimension);
}
