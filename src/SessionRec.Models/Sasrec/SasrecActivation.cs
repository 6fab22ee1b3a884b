namespace SessionRec.Models.Sasrec;

/// <summary>
/// The feed-forward activations of <see cref="SasrecConfig.Activation"/>. GELU is the tanh approximation
/// 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))): the trainer, the reference forward and the ONNX graph must agree
/// on one formula, and the tanh form is expressible in opset 17 without Erf precision differences between runtimes.
/// </summary>
public static class SasrecActivation
{
    /// <summary>√(2/π) as a float, shared with the ONNX exporter so both round the same constant.</summary>
    public const float GeluTanhScale = 0.7978845608028654f;

    public const float GeluCubicCoefficient = 0.044715f;

    public static float Gelu(float x) =>
        0.5f * x * (1f + MathF.Tanh(GeluTanhScale * (x + (GeluCubicCoefficient * x * x * x))));

    public static float Relu(float x) => x > 0f ? x : 0f;

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
