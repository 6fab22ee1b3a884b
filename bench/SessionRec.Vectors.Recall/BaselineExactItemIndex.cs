using System.Buffers;
using System.Numerics.Tensors;
using SessionRec.Core.Ranking;

namespace SessionRec.Vectors.Recall;

/// <summary>The exact index as it was before it became mutable (git HEAD), kept to check for a regression.</summary>
internal sealed class BaselineExactItemIndex : IItemIndex
{
    // Rows scored together: their score slice (8 KB) stays in L1 while every dimension is added into it.
    private const int RowBlock = 2048;

    // Dimension-major copy [dim, rows]: scoring becomes dim contiguous multiply-adds over the rows, which vectorizes
    // fully, instead of one short dot product and horizontal sum per row (measured ~4x slower at dim 64).
    private readonly float[] _columns;

    /// <param name="embeddings">Row-major [rows, dimension].</param>
    public BaselineExactItemIndex(ReadOnlySpan<float> embeddings, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (embeddings.Length % dimension != 0 || embeddings.Length / dimension < 2)
        {
            throw new ArgumentException(
                $"Expected [N + 1, {dimension}] with N >= 1, got {embeddings.Length} values.", nameof(embeddings));
        }

        Dimension = dimension;
        Rows = embeddings.Length / dimension;
        _columns = new float[embeddings.Length];
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < dimension; c++)
            {
                _columns[(c * Rows) + r] = embeddings[(r * dimension) + c];
            }
        }
    }

    public int Dimension { get; }

    /// <summary>N + 1, including the padding row.</summary>
    public int Rows { get; }

    public int Search(ReadOnlySpan<float> query, ReadOnlySpan<int> exclude, Span<ScoredItem> destination)
    {
        if (query.Length != Dimension)
        {
            throw new ArgumentException($"Query length must be {Dimension}.", nameof(query));
        }

        var rented = ArrayPool<float>.Shared.Rent(Rows);
        try
        {
            var scores = rented.AsSpan(0, Rows);
            Score(query, scores);
            return TopK.Select(scores, exclude, destination);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>Writes the inner product of <paramref name="query"/> with every row (padding row included).</summary>
    public void Score(ReadOnlySpan<float> query, Span<float> scores)
    {
        if (query.Length != Dimension || scores.Length != Rows)
        {
            throw new ArgumentException($"Expected a query of {Dimension} and {Rows} scores.");
        }

        ReadOnlySpan<float> columns = _columns;
        for (int start = 0; start < Rows; start += RowBlock)
        {
            int count = Math.Min(RowBlock, Rows - start);
            var block = scores.Slice(start, count);
            TensorPrimitives.Multiply(columns.Slice(start, count), query[0], block);
            for (int c = 1; c < Dimension; c++)
            {
                TensorPrimitives.MultiplyAdd(columns.Slice((c * Rows) + start, count), query[c], block, block);
            }
        }
    }
}
