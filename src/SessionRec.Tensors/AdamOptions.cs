namespace SessionRec.Tensors;

/// <summary>Hyper-parameters of <see cref="Adam"/> and <see cref="AdamW"/>.</summary>
public sealed record AdamOptions
{
    /// <summary>Step size (also settable per step on the optimizer for schedules).</summary>
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>Decay of the first-moment estimate.</summary>
    public float Beta1 { get; init; } = 0.9f;

    /// <summary>Decay of the second-moment estimate (SASRec uses 0.98).</summary>
    public float Beta2 { get; init; } = 0.999f;

    /// <summary>Added to the root of the second moment.</summary>
    public float Epsilon { get; init; } = 1e-8f;

    /// <summary>L2 penalty (Adam: added to the gradient) or decoupled decay rate (AdamW: p −= lr·wd·p).</summary>
    public float WeightDecay { get; init; }

    /// <summary>Clip the global gradient norm to this value before the update; 0 or less disables clipping.</summary>
    public float MaxGradNorm { get; init; }
}
