namespace SessionRec.Tensors;

public sealed partial class Tape
{
    /// <summary>
    /// 2-D matrix product op(a)·op(b). With <paramref name="transposeA"/> a is stored [k, m]; with
    /// <paramref name="transposeB"/> b is stored [n, k] (e.g. scores against an embedding table: <c>MatMul(h, E, transposeB: true)</c>).
    /// </summary>
    public Tensor MatMul(Tensor a, Tensor b, bool transposeA = false, bool transposeB = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        CheckRank2(a, nameof(a));
        CheckRank2(b, nameof(b));
        bool ta = transposeA, tb = transposeB;
        int m = ta ? a.Shape[1] : a.Shape[0], k = ta ? a.Shape[0] : a.Shape[1];
        int kb = tb ? b.Shape[1] : b.Shape[0], n = tb ? b.Shape[0] : b.Shape[1];
        if (k != kb)
        {
            throw new ArgumentException($"Inner dimensions differ: {a}{(ta ? "ᵀ" : "")} · {b}{(tb ? "ᵀ" : "")}.");
        }

        var y = Output([m, n], clear: false, a, b);
        Gemm.Multiply(ta, tb, m, n, k, a.Data, b.Data, y.Data);
        Record(y, dy =>
        {
            if (a.RequiresGrad)
            {
                var ga = GradForOverwrite(a, out bool fresh);
                if (!ta)
                {
                    Gemm.Multiply(false, !tb, m, k, n, dy, b.Data, ga, accumulate: !fresh);
                }
                else
                {
                    Gemm.Multiply(tb, true, k, m, n, b.Data, dy, ga, accumulate: !fresh);
                }
            }

            if (b.RequiresGrad)
            {
                if (!tb)
                {
                    Gemm.Multiply(!ta, false, k, n, m, a.Data, dy, GradOf(b), accumulate: true);
                }
                else
                {
                    Gemm.Multiply(true, ta, n, k, m, dy, a.Data, GradOf(b), accumulate: true);
                }
            }
        });
        return y;
    }

    /// <summary>
    /// Affine map over the last dimension, y = act(x·W + b), with W stored [in, out] (the SASRec weight layout).
    /// Bias and activation are applied in one pass over the output.
    /// </summary>
    public Tensor Linear(Tensor x, Tensor weight, Tensor? bias = null, Activation activation = Activation.None)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        CheckRank2(weight, nameof(weight));
        int inDim = weight.Shape[0], outDim = weight.Shape[1];
        if (x.Cols != inDim)
        {
            throw new ArgumentException($"Linear expects last dimension {inDim}, got {x}.", nameof(x));
        }

        if (bias is not null && bias.Length != outDim)
        {
            throw new ArgumentException($"Bias needs {outDim} values, got {bias}.", nameof(bias));
        }

        int rows = x.Rows;
        int[] shape = [.. x.Shape[..^1], outDim];
        var y = Output(shape, clear: false, x, weight, bias);
        Gemm.Multiply(false, false, rows, outDim, inDim, x.Data, weight.Data, y.Data);
        float[]? pre = activation == Activation.None || !y.RequiresGrad ? null : Rent(y.Length, clear: false);
        BiasActivation(y.Data, rows, outDim, bias?.Data, activation, pre);

        Record(y, dy =>
        {
            var dz = dy;
            if (pre is not null)
            {
                dz = Rent(dy.Length, clear: false);
                ActivationMath.Backward(activation, pre, dy, dz);
            }

            if (x.RequiresGrad)
            {
                var gx = GradForOverwrite(x, out bool fresh);
                Gemm.Multiply(false, true, rows, inDim, outDim, dz, weight.Data, gx, accumulate: !fresh);
            }

            if (weight.RequiresGrad)
            {
                Gemm.Multiply(true, false, inDim, outDim, rows, x.Data, dz, GradOf(weight), accumulate: true);
            }

            if (bias is not null && bias.RequiresGrad)
            {
                AddColumnSums(dz, rows, outDim, GradOf(bias));
            }
        });
        return y;
    }

    private static void BiasActivation(float[] y, int rows, int cols, float[]? bias, Activation activation, float[]? pre)
    {
        for (int r = 0; r < rows; r++)
        {
            var row = y.AsSpan(r * cols, cols);
            if (bias is not null)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(row, bias, row);
            }

            if (activation != Activation.None)
            {
                if (pre is not null)
                {
                    row.CopyTo(pre.AsSpan(r * cols, cols));
                }

                ActivationMath.Forward(activation, row, row);
            }
        }
    }

    /// <summary>Adds the column sums of a rows × cols matrix into <paramref name="target"/>, rows in order.</summary>
    internal static void AddColumnSums(ReadOnlySpan<float> m, int rows, int cols, Span<float> target)
    {
        for (int r = 0; r < rows; r++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(target, m.Slice(r * cols, cols), target);
        }
    }
}
