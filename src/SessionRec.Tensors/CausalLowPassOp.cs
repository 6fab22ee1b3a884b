using System.Numerics.Tensors;

namespace SessionRec.Tensors;

public sealed partial class Tape
{
    /// <summary>
    /// BSARec's frequency mix made causal: row i of each sequence becomes β² ⊙ xᵢ + (1 − β²) ⊙ lowᵢ with
    /// lowᵢ = Σₖ <paramref name="lagWeights"/>[k] · xᵢ₋ₖ over the sequence's own rows up to i (padding rows, mask 0, are
    /// skipped and give 0). With the weights of <see cref="LowPassFilter.LagWeights"/>, lowᵢ is the low-pass of the
    /// prefix ending at i taken at its end, which is what BSARec's FFT filter gives at the last position of that prefix;
    /// so every position can be trained without seeing its future. β = <paramref name="sqrtBeta"/>² per feature.
    /// </summary>
    /// <param name="x">[sequences · length, d], each sequence's rows contiguous.</param>
    public Tensor CausalLowPass(Tensor x, Tensor sqrtBeta, ReadOnlySpan<float> lagWeights, int sequences, ReadOnlySpan<float> rowMask)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(sqrtBeta);
        int rows = x.Rows, d = x.Cols;
        if (sequences < 1 || rows % sequences != 0)
        {
            throw new ArgumentException($"{rows} rows do not split into {sequences} sequences.", nameof(sequences));
        }

        int t = rows / sequences;
        if (sqrtBeta.Length != d || rowMask.Length != rows || lagWeights.Length < t)
        {
            throw new ArgumentException($"CausalLowPass over [{rows}, {d}] needs β of {d}, a mask of {rows} and at least {t} lag weights.");
        }

        var mask = rowMask.ToArray();
        var lags = lagWeights[..t].ToArray();
        var beta = new float[d];
        TensorPrimitives.Multiply(sqrtBeta.Data, sqrtBeta.Data, beta);
        var rest = new float[d];
        TensorPrimitives.Subtract(1f, beta, rest);

        var y = Output(x.Shape, clear: false, x, sqrtBeta);
        bool keep = y.RequiresGrad;
        var low = keep ? Rent(x.Length, clear: false) : null;
        float[] xs = x.Data, ys = y.Data;
        FixedPartition.For(sequences, 1, 8, (_, s0, s1) =>
        {
            Span<float> acc = d <= 1024 ? stackalloc float[d] : new float[d];
            for (int s = s0; s < s1; s++)
            {
                int first = s * t;
                for (int i = 0; i < t; i++)
                {
                    int r = first + i;
                    var yr = ys.AsSpan(r * d, d);
                    acc.Clear();
                    if (mask[r] != 0f)
                    {
                        for (int j = i; j >= 0; j--)
                        {
                            if (mask[first + j] != 0f)
                            {
                                TensorPrimitives.MultiplyAdd(xs.AsSpan((first + j) * d, d), lags[i - j], acc, acc);
                            }
                        }

                        TensorPrimitives.Multiply(xs.AsSpan(r * d, d), beta, yr);
                        TensorPrimitives.FusedMultiplyAdd(acc, rest, yr, yr);
                    }
                    else
                    {
                        yr.Clear();
                    }

                    if (keep)
                    {
                        acc.CopyTo(low!.AsSpan(r * d, d));
                    }
                }
            }
        });

        Record(y, dy =>
        {
            if (x.RequiresGrad)
            {
                var gx = GradOf(x);
                FixedPartition.For(sequences, 1, 8, (_, s0, s1) =>
                {
                    Span<float> acc = d <= 1024 ? stackalloc float[d] : new float[d];
                    for (int s = s0; s < s1; s++)
                    {
                        int first = s * t;
                        for (int j = 0; j < t; j++)
                        {
                            int r = first + j;
                            if (mask[r] == 0f)
                            {
                                continue;
                            }

                            // Row j feeds every later row i of its sequence with weight lags[i - j].
                            acc.Clear();
                            for (int i = j; i < t; i++)
                            {
                                if (mask[first + i] != 0f)
                                {
                                    TensorPrimitives.MultiplyAdd(dy.AsSpan((first + i) * d, d), lags[i - j], acc, acc);
                                }
                            }

                            var gr = gx.AsSpan(r * d, d);
                            TensorPrimitives.FusedMultiplyAdd(acc, rest, gr, gr);
                            TensorPrimitives.FusedMultiplyAdd(dy.AsSpan(r * d, d), beta, gr, gr);
                        }
                    }
                });
            }

            if (sqrtBeta.RequiresGrad)
            {
                // dy/dβ = x − low, and dβ/d√β = 2√β.
                var gb = GradOf(sqrtBeta);
                Span<float> diff = d <= 1024 ? stackalloc float[d] : new float[d];
                Span<float> sum = d <= 1024 ? stackalloc float[d] : new float[d];
                sum.Clear();
                for (int r = 0; r < rows; r++)
                {
                    if (mask[r] != 0f)
                    {
                        TensorPrimitives.Subtract(xs.AsSpan(r * d, d), low!.AsSpan(r * d, d), diff);
                        TensorPrimitives.FusedMultiplyAdd(diff, dy.AsSpan(r * d, d), sum, sum);
                    }
                }

                TensorPrimitives.Multiply(sum, sqrtBeta.Data, sum);
                TensorPrimitives.MultiplyAdd(sum, 2f, gb, gb);
            }
        });
        return y;
    }
}
