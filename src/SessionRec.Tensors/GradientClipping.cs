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
                foreach (float v in g)
                {
                    sum += (double)v * v;
                }
            }
        }

        return Math.Sqrt(sum);
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
