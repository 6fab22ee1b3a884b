namespace SessionRec.Training.Sasrec;

/// <summary>The training objective, scored against the shared item embedding table.</summary>
public enum SasrecLoss
{
    /// <summary>Full softmax over the whole catalog at every position ("ce"); much stronger than the paper's loss.</summary>
    CrossEntropy,

    /// <summary>Softmax over the target and uniform negatives drawn for each position ("sampled").</summary>
    SampledSoftmax,

    /// <summary>The paper's binary cross-entropy with one random negative per position ("bce").</summary>
    BinaryCrossEntropy,
}

public static class SasrecLossNames
{
    public static string ToName(this SasrecLoss loss) => loss switch
    {
        SasrecLoss.CrossEntropy => "ce",
        SasrecLoss.SampledSoftmax => "sampled",
        SasrecLoss.BinaryCrossEntropy => "bce",
        _ => throw new ArgumentOutOfRangeException(nameof(loss)),
    };

    /// <summary>Parses the command-line names "ce", "sampled" and "bce".</summary>
    public static SasrecLoss Parse(string name) => name switch
    {
        "ce" => SasrecLoss.CrossEntropy,
        "sampled" => SasrecLoss.SampledSoftmax,
        "bce" => SasrecLoss.BinaryCrossEntropy,
        _ => throw new ArgumentException($"Unknown loss '{name}' (ce, sampled or bce).", nameof(name)),
    };
}
