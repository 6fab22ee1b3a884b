using System.Buffers;
using System.Numerics.Tensors;
using SessionRec.Core.Ranking;

namespace SessionRec.Core.Retrieval;

/// <summary>
/// Exact maximum-inner-product search: scores every row of an [N + 1, dim] embedding matrix (row 0 is padding and
/// never returned) and keeps the best with <see cref="TopK"/>. A full scan of a 12k × 64 catalog takes tens of
/// microseconds, so an approximate index would buy nothing but recall loss at this scale. Score buffers come from
/// a pool, so a search allocates nothing once warm. Thread-safe: writes build a new immutable state and publish it
/// with one reference swap, so searches never lock and never see a half-applied batch.
/// </summary>
public sealed class ExactItemIndex : IMutableItemIndex, IMaskedItemIndex
{
    // Rows scored together: their score slice (8 KB) stays in L1 while every dimension is added into it.
    private const int RowBlock = 2048;

    private readonly Lock _writeLock = new();
    private State _state;

    /// <param name="embeddings">Row-major [rows, dimension].</param>
    public ExactItemIndex(ReadOnlySpan<float> embeddings, int dimension)
        : this(ItemTable.FromMatrix(embeddings, dimension))
    {
    }

    /// <summary>An index over <paramref name="items"/>, e.g. <see cref="ItemTable.Empty"/> to fill by upserts.</summary>
    public ExactItemIndex(ItemTable items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Dimension = items.Dimension;
        _state = new State(items);
    }

    public int Dimension { get; }

    /// <summary>N + 1, including the padding row.</summary>
    public int Rows => Volatile.Read(ref _state).Items.Rows;

    /// <summary>The current items; a consistent snapshot that later writes do not change.</summary>
    public ItemTable Items => Volatile.Read(ref _state).Items;

    public int Search(ReadOnlySpan<float> query, ReadOnlySpan<int> exclude, Span<ScoredItem> destination) =>
        Search(query, exclude, default, destination);

    public int Search(ReadOnlySpan<float> query, ReadOnlySpan<int> exclude, ItemMask mask, Span<ScoredItem> destination)
    {
        if (query.Length != Dimension)
        {
            throw new ArgumentException($"Query length must be {Dimension}.", nameof(query));
        }

        var state = Volatile.Read(ref _state);
        int rows = state.Items.Rows;
        var rented = ArrayPool<float>.Shared.Rent(rows);
        try
        {
            var scores = rented.AsSpan(0, rows);
            state.Score(query, scores);
            // TopK skips NaN, so masking hidden rows costs one store each instead of a lookup per row.
            var hidden = state.Items.HiddenRows;
            for (int i = 0; i < hidden.Length; i++)
            {
                scores[hidden[i]] = float.NaN;
            }

            return TopK.Select(scores, exclude, mask, destination);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Writes the inner product of <paramref name="query"/> with every row (padding, deleted and unavailable rows
    /// included); <paramref name="scores"/> must have <see cref="Rows"/> entries.
    /// </summary>
    public void Score(ReadOnlySpan<float> query, Span<float> scores)
    {
        var state = Volatile.Read(ref _state);
        if (query.Length != Dimension || scores.Length != state.Items.Rows)
        {
            throw new ArgumentException($"Expected a query of {Dimension} and {state.Items.Rows} scores.");
        }

        state.Score(query, scores);
    }

    public Task UpsertAsync(IReadOnlyList<ItemUpsert> items, CancellationToken cancellationToken = default)
    {
        ItemTable.Validate(items, Dimension);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writeLock)
        {
            Volatile.Write(ref _state, new State(_state.Items.With(items, out _)));
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(IReadOnlyList<int> indices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(indices);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writeLock)
        {
            Volatile.Write(ref _state, new State(_state.Items.Without(indices)));
        }

        return Task.CompletedTask;
    }

    /// <summary>Nothing to release: the index is managed memory only.</summary>
    public void Dispose()
    {
    }

    private sealed class State
    {
        // Dimension-major copy [dim, rows]: scoring becomes dim contiguous multiply-adds over the rows, which
        // vectorizes fully, instead of one short dot product and horizontal sum per row (measured ~4x slower at dim 64).
        private readonly float[] _columns;

        public State(ItemTable items)
        {
            Items = items;
            int rows = items.Rows;
            int dimension = items.Dimension;
            var vectors = items.Vectors;
            _columns = new float[vectors.Length];
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < dimension; c++)
                {
                    _columns[(c * rows) + r] = vectors[(r * dimension) + c];
                }
            }
        }

        public ItemTable Items { get; }

        public void Score(ReadOnlySpan<float> query, Span<float> scores)
        {
            int rows = Items.Rows;
            int dimension = Items.Dimension;
            ReadOnlySpan<float> columns = _columns;
            for (int start = 0; start < rows; start += RowBlock)
            {
                int count = Math.Min(RowBlock, rows - start);
                var block = scores.Slice(start, count);
                TensorPrimitives.Multiply(columns.Slice(start, count), query[0], block);
                for (int c = 1; c < dimension; c++)
                {
                    TensorPrimitives.MultiplyAdd(columns.Slice((c * rows) + start, count), query[c], block, block);
                }
            }
        }
    }
}
