namespace SessionRec.Server.Hosting;

/// <summary>
/// The item embeddings the served model's index was built from, kept so catalog changes can be written to the index
/// through its upsert contract (which takes the vector with the payload), remote indexes (Qdrant) included.
/// </summary>
public sealed class ServedItemVectors
{
    private (ReadOnlyMemory<float> Table, int Dimension)? _current;

    public void Remember(ReadOnlyMemory<float> table, int dimension) => _current = (table, dimension);

    /// <summary>Row <paramref name="index"/>'s vector, or false when no embedding table is known or it has no such row.</summary>
    public bool TryGet(int index, out ReadOnlyMemory<float> vector)
    {
        vector = default;
        if (_current is not { } current || index < 1 || (long)(index + 1) * current.Dimension > current.Table.Length)
        {
            return false;
        }

        vector = current.Table.Slice(index * current.Dimension, current.Dimension);
        return true;
    }
}
