using System.Runtime.Intrinsics;

namespace SessionRec.Tensors;

/// <summary>Forward and derivative of the activations, including the erf the runtime does not provide.</summary>
internal static class ActivationMath
{
    private const float InvSqrt2 = 0.70710678118654752f;
    private const float InvSqrt2Pi = 0.39894228040143268f;

    public static void Forward(Activation activation, ReadOnlySpan<float> x, Span<float> y)
    {
        switch (activation)
        {
            case Activation.None:
                x.CopyTo(y);
                break;
            case Activation.Relu:
                System.Numerics.Tensors.TensorPrimitives.Max(x, 0f, y);
                break;
            case Activation.Gelu:
                GeluForward(x, y);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation));
        }
    }

    /// <summary>dx = dy · act′(x), written (not added) into <paramref name="dx"/>.</summary>
    public static void Backward(Activation activation, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        switch (activation)
        {
            case Activation.None:
                dy.CopyTo(dx);
                break;
            case Activation.Relu:
                for (int i = 0; i < x.Length; i++)
                {
                    dx[i] = x[i] > 0f ? dy[i] : 0f;
                }

                break;
            case Activation.Gelu:
                GeluBackward(x, dy, dx);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation));
        }
    }

    private static void GeluForward(ReadOnlySpan<float> x, Span<float> y)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= x.Length - 16; i += 16)
            {
                var v = Vector512.Create(x.Slice(i, 16));
                (v * (Vector512<float>.One + Erf(v * InvSqrt2)) * 0.5f).CopyTo(y.Slice(i, 16));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= x.Length - 8; i += 8)
            {
                var v = Vector256.Create(x.Slice(i, 8));
                (v * (Vector256<float>.One + Erf(v * InvSqrt2)) * 0.5f).CopyTo(y.Slice(i, 8));
            }
        }

        for (; i < x.Length; i++)
        {
            float v = x[i];
            y[i] = 0.5f * v * (1f + Erf(v * InvSqrt2));
        }
    }

    private static void GeluBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= x.Length - 16; i += 16)
            {
                var v = Vector512.Create(x.Slice(i, 16));
                var cdf = (Vector512<float>.One + Erf(v * InvSqrt2)) * 0.5f;
                var pdf = Vector512.Exp(v * v * -0.5f) * InvSqrt2Pi;
                (Vector512.Create(dy.Slice(i, 16)) * (cdf + v * pdf)).CopyTo(dx.Slice(i, 16));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= x.Length - 8; i += 8)
            {
                var v = Vector256.Create(x.Slice(i, 8));
                var cdf = (Vector256<float>.One + Erf(v * InvSqrt2)) * 0.5f;
                var pdf = Vector256.Exp(v * v * -0.5f) * InvSqrt2Pi;
                (Vector256.Create(dy.Slice(i, 8)) * (cdf + v * pdf)).CopyTo(dx.Slice(i, 8));
            }
        }

        for (; i < x.Length; i++)
        {
            float v = x[i];
            float cdf = 0.5f * (1f + Erf(v * InvSqrt2));
            dx[i] = dy[i] * (cdf + v * InvSqrt2Pi * MathF.Exp(-0.5f * v * v));
        }
    }

    private static Vector512<float> Erf(Vector512<float> x)
    {
        var ax = Vector512.Abs(x);
        var t = Vector512<float>.One / (Vector512<float>.One + ax * 0.3275911f);
        var poly = ((((t * 1.061405429f - Vector512.Create(1.453152027f)) * t + Vector512.Create(1.421413741f)) * t
            - Vector512.Create(0.284496736f)) * t + Vector512.Create(0.254829592f)) * t;
        var y = Vector512<float>.One - poly * Vector512.Exp(-(ax * ax));
        return Vector512.CopySign(y, x);
    }

    private static Vector256<float> Erf(Vector256<float> x)
    {
        var ax = Vector256.Abs(x);
        var t = Vector256<float>.One / (Vector256<float>.One + ax * 0.3275911f);
        var poly = ((((t * 1.061405429f - Vector256.Create(1.453152027f)) * t + Vector256.Create(1.421413741f)) * t
            - Vector256.Create(0.284496736f)) * t + Vector256.Create(0.254829592f)) * t;
        var y = Vector256<float>.One - poly * Vector256.Exp(-(ax * ax));
        return Vector256.CopySign(y, x);
    }

    /// <summary>Abramowitz–Stegun 7.1.26 (absolute error ≤ 1.5e-7, below float resolution of GELU's output).</summary>
    public static float Erf(float x)
    {
        float ax = MathF.Abs(x);
        float t = 1f / (1f + 0.3275911f * ax);
        float poly = ((((1.061405429f * t - 1.453152027f) * t + 1.421413741f) * t - 0.284496736f) * t + 0.254829592f) * t;
        float y = 1f - poly * MathF.Exp(-ax * ax);
        return x < 0 ? -y : y;
    }
}
