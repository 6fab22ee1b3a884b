using System.Runtime.Intrinsics;

namespace SessionRec.Tensors;

/// <summary>
/// Fused row kernels for the softmax losses: one pass each instead of the subtract / exp / sum (or scale) passes that
/// composing TensorPrimitives calls would make over rows of 10⁴–10⁵ logits.
/// </summary>
internal static class SoftmaxMath
{
    private const float Log2E = 1.44269504088896341f;

    // ln 2 split so that n·Ln2Hi is exact for |n| < 2¹² (Cody–Waite), keeping the reduced argument accurate.
    private const float Ln2Hi = 0.693145751953125f, Ln2Lo = 1.42860682030941723212e-6f;

    /// <summary>
    /// exp(x) = 2ⁿ · e^r with r = x − n·ln 2 in [−ln2/2, ln2/2] and a degree-6 Taylor polynomial (relative error
    /// about 2e-7): several times cheaper than Vector512.Exp, which dominates a softmax over 10⁴ logits a row.
    /// Inputs are clamped to [−87, 88] (no denormals, no infinities).
    /// </summary>
    internal static Vector512<float> FastExp(Vector512<float> x)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(-87f)), Vector512.Create(88f));
        var n = Vector512.Floor(Vector512.FusedMultiplyAdd(x, Vector512.Create(Log2E), Vector512.Create(0.5f)));
        var r = Vector512.FusedMultiplyAdd(-n, Vector512.Create(Ln2Hi), x);
        r = Vector512.FusedMultiplyAdd(-n, Vector512.Create(Ln2Lo), r);
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(1f / 720), r, Vector512.Create(1f / 120));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 24));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 6));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.5f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<float>.One);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<float>.One);
        return p * Vector512.ShiftLeft(Vector512.ConvertToInt32(n) + Vector512.Create(127), 23).AsSingle();
    }

    /// <inheritdoc cref="FastExp(Vector512{float})"/>
    internal static Vector256<float> FastExp(Vector256<float> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(-87f)), Vector256.Create(88f));
        var n = Vector256.Floor(Vector256.FusedMultiplyAdd(x, Vector256.Create(Log2E), Vector256.Create(0.5f)));
        var r = Vector256.FusedMultiplyAdd(-n, Vector256.Create(Ln2Hi), x);
        r = Vector256.FusedMultiplyAdd(-n, Vector256.Create(Ln2Lo), r);
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(1f / 720), r, Vector256.Create(1f / 120));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 24));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 6));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.5f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<float>.One);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<float>.One);
        return p * Vector256.ShiftLeft(Vector256.ConvertToInt32(n) + Vector256.Create(127), 23).AsSingle();
    }

    /// <summary>Σ exp(xᵢ − shift).</summary>
    public static float ExpSum(ReadOnlySpan<float> x, float shift)
    {
        int i = 0;
        float sum = 0f;
        if (Vector512.IsHardwareAccelerated && x.Length >= 16)
        {
            var acc = Vector512<float>.Zero;
            var s = Vector512.Create(shift);
            for (; i <= x.Length - 16; i += 16)
            {
                acc += FastExp(Vector512.Create(x.Slice(i, 16)) - s);
            }

            sum = Vector512.Sum(acc);
        }
        else if (Vector256.IsHardwareAccelerated && x.Length >= 8)
        {
            var acc = Vector256<float>.Zero;
            var s = Vector256.Create(shift);
            for (; i <= x.Length - 8; i += 8)
            {
                acc += FastExp(Vector256.Create(x.Slice(i, 8)) - s);
            }

            sum = Vector256.Sum(acc);
        }

        for (; i < x.Length; i++)
        {
            sum += MathF.Exp(x[i] - shift);
        }

        return sum;
    }

    /// <summary>dst = scale · exp(x − shift), or dst += that when <paramref name="accumulate"/>.</summary>
    public static void ScaledExp(ReadOnlySpan<float> x, float shift, float scale, Span<float> dst, bool accumulate)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var s = Vector512.Create(shift);
            var k = Vector512.Create(scale);
            for (; i <= x.Length - 16; i += 16)
            {
                var v = FastExp(Vector512.Create(x.Slice(i, 16)) - s) * k;
                if (accumulate)
                {
                    v += Vector512.Create(dst.Slice(i, 16));
                }

                v.CopyTo(dst.Slice(i, 16));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var s = Vector256.Create(shift);
            var k = Vector256.Create(scale);
            for (; i <= x.Length - 8; i += 8)
            {
                var v = FastExp(Vector256.Create(x.Slice(i, 8)) - s) * k;
                if (accumulate)
                {
                    v += Vector256.Create(dst.Slice(i, 8));
                }

                v.CopyTo(dst.Slice(i, 8));
            }
        }

        for (; i < x.Length; i++)
        {
            float v = MathF.Exp(x[i] - shift) * scale;
            dst[i] = accumulate ? dst[i] + v : v;
        }
    }
}
