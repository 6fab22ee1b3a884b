using System.Numerics.Tensors;

namespace SessionRec.Tensors;

public sealed partial class Tape
{
    /// <summary>Same values under a new shape with the same element count (a copy: views are explicit).</summary>
    public Tensor Reshape(Tensor x, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = Output(shape, clear: false, x);
        if (y.Length != x.Length)
        {
            throw new ArgumentException($"Cannot reshape {x} to [{string.Join(", ", shape)}].");
        }

        x.Data.CopyTo(y.Data, 0);
        Record(y, dy => AddInto(x, dy));
        return y;
    }

    /// <summary>Transpose of a 2-D tensor.</summary>
    public Tensor Transpose(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        CheckRank2(x, nameof(x));
        int r = x.Shape[0], c = x.Shape[1];
        var y = Output([c, r], clear: false, x);
        Transpose(x.Data, r, c, y.Data, accumulate: false);
        Record(y, dy => Transpose(dy, c, r, GradOf(x), accumulate: true));
        return y;
    }

    /// <summary>
    /// Rows of <paramref name="x"/> (over the last dimension) at <paramref name="rows"/>, e.g. the last position of each
    /// sequence, or the valid positions before scoring. Result is [rows.Length, cols].
    /// </summary>
    public Tensor GatherRows(Tensor x, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(x);
        int d = x.Cols, n = x.Rows;
        var index = rows.ToArray();
        var y = Output([index.Length, d], clear: false, x);
        for (int i = 0; i < index.Length; i++)
        {
            if ((uint)index[i] >= (uint)n)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), $"Row {index[i]} outside [0, {n}).");
            }

            x.Data.AsSpan(index[i] * d, d).CopyTo(y.Data.AsSpan(i * d, d));
        }

        Record(y, dy =>
        {
            var g = GradOf(x);
            for (int i = 0; i < index.Length; i++)
            {
                var gr = g.AsSpan(index[i] * d, d);
                TensorPrimitives.Add(gr, dy.AsSpan(i * d, d), gr);
            }
        });
        return y;
    }

    /// <summary>Per-row inner products of two tensors of the same shape: result [rows].</summary>
    public Tensor RowDot(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        CheckSameShape(a, b);
        int d = a.Cols, rows = a.Rows;
        var y = Output([rows], clear: false, a, b);
        for (int r = 0; r < rows; r++)
        {
            y.Data[r] = TensorPrimitives.Dot(a.Data.AsSpan(r * d, d), b.Data.AsSpan(r * d, d));
        }

        Record(y, dy =>
        {
            for (int r = 0; r < rows; r++)
            {
                if (a.RequiresGrad)
                {
                    var ga = GradOf(a).AsSpan(r * d, d);
                    TensorPrimitives.MultiplyAdd(b.Data.AsSpan(r * d, d), dy[r], ga, ga);
                }

                if (b.RequiresGrad)
                {
                    var gb = GradOf(b).AsSpan(r * d, d);
                    TensorPrimitives.MultiplyAdd(a.Data.AsSpan(r * d, d), dy[r], gb, gb);
                }
            }
        });
        return y;
    }

    private static void Transpose(ReadOnlySpan<float> src, int rows, int cols, Span<float> dst, bool accumulate)
    {
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                float v = src[i * cols + j];
                dst[j * rows + i] = accumulate ? dst[j * rows + i] + v : v;
            }
        }
    }
}
