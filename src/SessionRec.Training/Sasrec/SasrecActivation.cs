namespace SessionRec.Training.Sasrec;

/// <summary>
/// The feed-forward activations of <see cref="SasrecConfig.Activation"/>. GELU is the exact (erf) form
/// x·Φ(x) = 0.5·x·(1 + erf(x/√2)), not the tanh approximation: the training engine (SessionRec.Tensors) and
/// PyTorch's default nn.GELU use it, and the two forms differ by up to ~1e-3 per activation, which would show up as
/// train/serve skew well above the 1e-4 parity budget.
/// </summary>
public static class SasrecActivation
{
    /// <summary>1/√2 as a float, shared with the ONNX exporter so both round the same constant.</summary>
    public const float InvSqrt2 = 0.70710678118654752f;

    public static float Gelu(float x) => 0.5f * x * (1f + Erf(x * InvSqrt2));

    public static float Relu(float x) => x > 0f ? x : 0f;

    /// <summary>
    /// Abramowitz &amp; Stegun 7.1.26, absolute error ≤ 1.5e-7 (.NET has no float erf). The training engine uses the
    /// same approximation, so the reference forward reproduces its activations exactly; ONNX Runtime's Erf agrees to
    /// within that error.
    /// </summary>
    public static float Erf(float x)
    {
        float ax = MathF.Abs(x);
        float t = 1f / (1f + (0.3275911f * ax));
        float poly = ((((((((1.061405429f * t) - 1.453152027f) * t) + 1.421413741f) * t) - 0.284496736f) * t)
            + 0.254829592f) * t;
        float y = 1f - (poly * MathF.Exp(-ax * ax));
        return x < 0f ? -y : y;
    }

    /// <summary>Applies the named activation in place.</summary>
    public static void Apply(string activation, Span<float> values)
    {
        switch (activation)
        {
            case "relu":
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = Relu(values[i]);
                }

                break;
            case "gelu":
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = Gelu(values[i]);
                }

                break;
            default:
                throw new ArgumentException($"Unknown activation '{activation}'.", nameof(activation));
        }
    }
}
