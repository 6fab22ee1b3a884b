using System.Runtime.Intrinsics;

namespace SessionRec.Tensors;

/// <summary>Global-norm gradient clipping.</summary>
public static class GradientClipping
{
    /// <summary>
    /// The L2 norm of all gradients together, accumulated in double in parameter order (so it is reproducible).
    /// </summary>
    public static double GlobalNorm(IEnumerable<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        double sum = 0;
        foreach (var p in parameters)
        {
            if (p.Grad is { } g)
            {
                sum += SumOfSquares(g);
            }
        }

        return Math.Sqrt(sum);
    }

    // In double lanes: the item table's gradient has millions of entries, and a scalar loop over it took longer per
    // step than the optimizer's update of the same table.
    private static double SumOfSquares(ReadOnlySpan<float> values)
    {
        int i = 0;
        double sum = 0;
        if (Vector512.IsHardwareAccelerated && values.Length >= 16)
        {
            var acc = Vector512<double>.Zero;
            for (; i <= values.Length - 16; i += 16)
            {
                var (lo, hi) = Vector512.Widen(Vector512.Create(values[i..]));
                acc = Vector512.FusedMultiplyAdd(lo, lo, acc);
                acc = Vector512.FusedMultiplyAdd(hi, hi, acc);
            }

            sum = Vector512.Sum(acc);
        }

        for (; i < values.Length; i++)
        {
            sum += (double)values[i] * values[i];
        }

        return sum;
    }

    /// <summary>
    /// Scales every gradient by maxNorm / (norm + 1e-6) when the global norm exceeds <paramref name="maxNorm"/>
    /// (PyTorch's clip_grad_norm_ rule). Returns the norm before clipping.
    /// </summary>
    public static double ClipGlobalNorm(IEnumerable<Tensor> parameters, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var list = parameters as IReadOnlyCollection<Tensor> ?? [.. parameters];
        double norm = GlobalNorm(list);
        if (maxNorm > 0 && norm > maxNorm)
        {
            float scale = (float)(maxNorm / (norm + 1e-6));
            foreach (var p in list)
            {
                if (p.Grad is { } g)
                {
                    System.Numerics.Tensors.TensorPrimitives.Multiply(g, scale, g);
                }
            }
        }

        return norm;
    }
}
