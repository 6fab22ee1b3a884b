namespace SessionRec.Core.Items;

/// <summary>
/// Maps external item ids to dense indices 1..N. Index 0 is reserved for padding, so models can use
/// <c>int[]</c> sequences and embedding tables with a padding row without a second lookup.
/// </summary>
public sealed class ItemVocabulary
{
    private readonly string[] _ids;
    private readonly Dictionary<string, int> _indexById;

    /// <param name="ids">External ids in index order, without the padding entry.</param>
    public ItemVocabulary(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var list = new List<string> { string.Empty };
        _indexById = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (string.IsNullOrEmpty(id))
            {
                throw new ArgumentException("Item ids must be non-empty.", nameof(ids));
            }

            if (!_indexById.TryAdd(id, list.Count))
            {
                throw new ArgumentException($"Duplicate item id '{id}'.", nameof(ids));
            }

            list.Add(id);
        }

        _ids = [.. list];
    }

    /// <summary>Number of real items (N); valid indices are 1..Count.</summary>
    public int Count => _ids.Length - 1;

    public string this[int index] => index > 0 && index < _ids.Length
        ? _ids[index]
        : throw new ArgumentOutOfRangeException(nameof(index));

    public bool TryGetIndex(string id, out int index) => _indexById.TryGetValue(id, out index);

    public bool Contains(string id) => _indexById.ContainsKey(id);

    /// <summary>External ids in index order, without padding.</summary>
    public IEnumerable<string> Ids => _ids.Skip(1);
}
