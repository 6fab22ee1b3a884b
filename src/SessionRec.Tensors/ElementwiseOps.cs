using System.Numerics.Tensors;

namespace SessionRec.Tensors;

public sealed partial class Tape
{
    /// <summary>a + b for tensors of the same shape (residual connections, adding positional embeddings).</summary>
    public Tensor Add(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        CheckSameShape(a, b);
        var y = Output(a.Shape, clear: false, a, b);
        TensorPrimitives.Add(a.Data, b.Data, y.Data);
        Record(y, dy =>
        {
            AddInto(a, dy);
            AddInto(b, dy);
        });
        return y;
    }

    /// <summary>x · s.</summary>
    public Tensor Scale(Tensor x, float s)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = Output(x.Shape, clear: false, x);
        TensorPrimitives.Multiply(x.Data, s, y.Data);
        Record(y, dy =>
        {
            var g = GradOf(x);
            TensorPrimitives.MultiplyAdd(dy, s, g, g);
        });
        return y;
    }

    /// <summary>
    /// Multiplies row r (over the last dimension) by <paramref name="rowMask"/>[r]; with a 0/1 mask this zeroes
    /// padding positions (the SASRec timeline mask).
    /// </summary>
    public Tensor MulRowMask(Tensor x, ReadOnlySpan<float> rowMask)
    {
        ArgumentNullException.ThrowIfNull(x);
        int rows = x.Rows, d = x.Cols;
        if (rowMask.Length != rows)
        {
            throw new ArgumentException($"Row mask has {rowMask.Length} values for {rows} rows.", nameof(rowMask));
        }

        var mask = rowMask.ToArray();
        var y = Output(x.Shape, clear: false, x);
        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.Multiply(x.Data.AsSpan(r * d, d), mask[r], y.Data.AsSpan(r * d, d));
        }

        Record(y, dy =>
        {
            var g = GradOf(x);
            for (int r = 0; r < rows; r++)
            {
                if (mask[r] != 0f)
                {
                    var gr = g.AsSpan(r * d, d);
                    TensorPrimitives.MultiplyAdd(dy.AsSpan(r * d, d), mask[r], gr, gr);
                }
            }
        });
        return y;
    }

    private void AddInto(Tensor t, ReadOnlySpan<float> dy)
    {
        if (t.RequiresGrad)
        {
            var g = GradOf(t);
            TensorPrimitives.Add(g, dy, g);
        }
    }
}
