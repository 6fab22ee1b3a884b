using System.Numerics.Tensors;

namespace SessionRec.Tensors;

public sealed partial class Tape
{
    /// <summary>Layer normalisation over the last dimension: (x − mean) / √(var + eps) · gamma + beta (biased variance).</summary>
    public Tensor LayerNorm(Tensor x, Tensor gamma, Tensor beta, float epsilon = 1e-5f)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(gamma);
        ArgumentNullException.ThrowIfNull(beta);
        int d = x.Cols, rows = x.Rows;
        if (gamma.Length != d || beta.Length != d)
        {
            throw new ArgumentException($"LayerNorm over {d} features needs gamma and beta of that size.");
        }

        var y = Output(x.Shape, clear: false, x, gamma, beta);
        bool keep = y.RequiresGrad;
        var xhat = keep ? Rent(x.Length, clear: false) : null;
        var rstd = keep ? Rent(rows, clear: false) : null;
        float[] xs = x.Data, ys = y.Data, gs = gamma.Data, bs = beta.Data;
        FixedPartition.For(rows, 1, 256, (_, r0, r1) =>
        {
            Span<float> tmp = d <= 1024 ? stackalloc float[d] : new float[d];
            for (int r = r0; r < r1; r++)
            {
                var row = xs.AsSpan(r * d, d);
                float mean = TensorPrimitives.Sum(row) / d;
                TensorPrimitives.Subtract(row, mean, tmp);
                float inv = 1f / MathF.Sqrt(TensorPrimitives.SumOfSquares(tmp) / d + epsilon);
                TensorPrimitives.Multiply(tmp, inv, tmp);
                if (keep)
                {
                    tmp.CopyTo(xhat.AsSpan(r * d, d));
                    rstd![r] = inv;
                }

                TensorPrimitives.FusedMultiplyAdd(tmp, gs, bs, ys.AsSpan(r * d, d));
            }
        });

        Record(y, dy =>
        {
            if (x.RequiresGrad)
            {
                var gx = GradOf(x);
                FixedPartition.For(rows, 1, 256, (_, r0, r1) =>
                {
                    Span<float> g = d <= 1024 ? stackalloc float[d] : new float[d];
                    for (int r = r0; r < r1; r++)
                    {
                        var dyr = dy.AsSpan(r * d, d);
                        var xh = xhat.AsSpan(r * d, d);
                        TensorPrimitives.Multiply(dyr, gs, g);
                        float meanG = TensorPrimitives.Sum(g) / d;
                        float meanGx = TensorPrimitives.Dot(g, xh) / d;
                        float inv = rstd![r];
                        var gxr = gx.AsSpan(r * d, d);
                        for (int i = 0; i < d; i++)
                        {
                            gxr[i] += inv * (g[i] - meanG - xh[i] * meanGx);
                        }
                    }
                });
            }

            if (gamma.RequiresGrad)
            {
                var gg = GradOf(gamma);
                for (int r = 0; r < rows; r++)
                {
                    TensorPrimitives.FusedMultiplyAdd(dy.AsSpan(r * d, d), xhat.AsSpan(r * d, d), gg, gg);
                }
            }

            if (beta.RequiresGrad)
            {
                AddColumnSums(dy, rows, d, GradOf(beta));
            }
        });
        return y;
    }
}
