namespace SessionRec.Tensors;

/// <summary>Element-wise non-linearity fused into <see cref="Tape.Linear"/> or applied by <see cref="Tape.Activate"/>.</summary>
public enum Activation
{
    /// <summary>Identity.</summary>
    None,

    /// <summary>max(0, x).</summary>
    Relu,

    /// <summary>Exact (erf) GELU, x·Φ(x), matching PyTorch's default and ONNX's Erf-based decomposition.</summary>
    Gelu,
}
