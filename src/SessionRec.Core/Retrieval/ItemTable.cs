using System.Buffers;
using System.Numerics.Tensors;
using SessionRec.Core.Ranking;

namespace SessionRec.Core.Retrieval;

/// <summary>
/// An immutable snapshot of an index's items: row-major vectors [Rows, Dimension] by dense index, and each row's
/// payload. Writers derive a new table and publish it with one reference swap, so a search reads one consistent
/// table without locks; deriving copies O(Rows × Dimension), which is cheap next to serving at this catalog size.
/// Row 0 is the padding item and is never stored.
/// </summary>
public sealed class ItemTable
{
    private const byte Absent = 0;
    private const byte Available = 1;
    private const byte Unavailable = 2;

    private readonly float[] _vectors;
    private readonly byte[] _states;
    private readonly string?[] _categories;
    private readonly int[] _hidden;

    private ItemTable(int dimension, float[] vectors, byte[] states, string?[] categories)
    {
        Dimension = dimension;
        Rows = states.Length;
        _vectors = vectors;
        _states = states;
        _categories = categories;
        var hidden = new List<int>();
        for (int i = 1; i < states.Length; i++)
        {
            if (states[i] == Available)
            {
                VisibleCount++;
            }
            else
            {
                hidden.Add(i);
            }

            if (states[i] != Absent)
            {
                Count++;
            }
        }

        _hidden = [.. hidden];
    }

    public int Dimension { get; }

    /// <summary>Highest stored index + 1 (at least 1, the padding row).</summary>
    public int Rows { get; }

    /// <summary>Stored items, available or not.</summary>
    public int Count { get; }

    /// <summary>Stored and available items: the most a search can return.</summary>
    public int VisibleCount { get; }

    /// <summary>Rows 1..Rows-1 that a search must skip (deleted, never stored, or unavailable).</summary>
    public ReadOnlySpan<int> HiddenRows => _hidden;

    /// <summary>Row-major [Rows, Dimension]; rows that are not stored are zero.</summary>
    public ReadOnlySpan<float> Vectors => _vectors;

    /// <summary>A table holding rows 1.. of an [N + 1, dimension] matrix, all available and without category.</summary>
    public static ItemTable FromMatrix(ReadOnlySpan<float> embeddings, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (embeddings.Length % dimension != 0 || embeddings.Length / dimension < 2)
        {
            throw new ArgumentException(
                $"Expected [N + 1, {dimension}] with N >= 1, got {embeddings.Length} values.", nameof(embeddings));
        }

        int rows = embeddings.Length / dimension;
        var vectors = new float[embeddings.Length];
        embeddings[dimension..].CopyTo(vectors.AsSpan(dimension));
        var states = new byte[rows];
        states.AsSpan(1).Fill(Available);
        return new ItemTable(dimension, vectors, states, new string?[rows]);
    }

    /// <summary>An empty table; the first upserts size it.</summary>
    public static ItemTable Empty(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        return new ItemTable(dimension, new float[dimension], new byte[1], new string?[1]);
    }

    /// <summary>Rejects a batch that <see cref="IMutableItemIndex.UpsertAsync"/> must refuse, before anything is written.</summary>
    public static void Validate(IReadOnlyList<ItemUpsert> items, int dimension)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            if (item.Index < 1)
            {
                throw new ArgumentException($"Item index {item.Index} is invalid: indices start at 1 (0 is padding).", nameof(items));
            }

            if (item.Vector.Length != dimension)
            {
                throw new ArgumentException(
                    $"Item {item.Index} has a vector of {item.Vector.Length} values; the index dimension is {dimension}.", nameof(items));
            }
        }
    }

    public ReadOnlySpan<float> Vector(int index) => _vectors.AsSpan(index * Dimension, Dimension);

    public bool Contains(int index) => (uint)index < (uint)Rows && _states[index] != Absent;

    /// <summary>Stored and available: a search may return it.</summary>
    public bool IsVisible(int index) => (uint)index < (uint)Rows && _states[index] == Available;

    public string? Category(int index) => (uint)index < (uint)Rows ? _categories[index] : null;

    public float Dot(int index, ReadOnlySpan<float> query) => TensorPrimitives.Dot(Vector(index), query);

    /// <summary>
    /// An exact search straight over the row-major table: slower than <see cref="ExactItemIndex"/>'s column layout,
    /// and meant as the fallback of approximate indexes when they cannot fill a request.
    /// </summary>
    public int SearchExact(ReadOnlySpan<float> query, ReadOnlySpan<int> exclude, Span<ScoredItem> destination) =>
        SearchExact(query, exclude, default, destination);

    /// <summary><see cref="SearchExact(ReadOnlySpan{float}, ReadOnlySpan{int}, Span{ScoredItem})"/> within <paramref name="mask"/>.</summary>
    public int SearchExact(ReadOnlySpan<float> query, ReadOnlySpan<int> exclude, ItemMask mask, Span<ScoredItem> destination)
    {
        if (query.Length != Dimension)
        {
            throw new ArgumentException($"Query length must be {Dimension}.", nameof(query));
        }

        var rented = ArrayPool<float>.Shared.Rent(Rows);
        try
        {
            var scores = rented.AsSpan(0, Rows);
            for (int i = 0; i < Rows; i++)
            {
                scores[i] = _states[i] == Available ? Dot(i, query) : float.NaN;
            }

            return TopK.Select(scores, exclude, mask, destination);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// A copy with <paramref name="items"/> written. <paramref name="vectorsChanged"/> tells whether any stored vector
    /// differs, so a graph index can skip a rebuild when only payloads changed.
    /// </summary>
    public ItemTable With(IReadOnlyList<ItemUpsert> items, out bool vectorsChanged)
    {
        Validate(items, Dimension);
        int rows = Rows;
        foreach (var item in items)
        {
            rows = Math.Max(rows, item.Index + 1);
        }

        var vectors = new float[rows * Dimension];
        _vectors.CopyTo(vectors, 0);
        var states = new byte[rows];
        _states.CopyTo(states, 0);
        var categories = new string?[rows];
        _categories.CopyTo(categories, 0);

        vectorsChanged = false;
        foreach (var item in items)
        {
            var target = vectors.AsSpan(item.Index * Dimension, Dimension);
            if (states[item.Index] == Absent || !target.SequenceEqual(item.Vector.Span))
            {
                vectorsChanged = true;
            }

            item.Vector.Span.CopyTo(target);
            states[item.Index] = item.Available ? Available : Unavailable;
            categories[item.Index] = item.Category;
        }

        return new ItemTable(Dimension, vectors, states, categories);
    }

    /// <summary>A copy without <paramref name="indices"/>; unknown indices are ignored.</summary>
    public ItemTable Without(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var vectors = (float[])_vectors.Clone();
        var states = (byte[])_states.Clone();
        var categories = (string?[])_categories.Clone();
        foreach (int index in indices)
        {
            if ((uint)index < (uint)Rows && index > 0)
            {
                states[index] = Absent;
                categories[index] = null;
                vectors.AsSpan(index * Dimension, Dimension).Clear();
            }
        }

        return new ItemTable(Dimension, vectors, states, categories);
    }
}
