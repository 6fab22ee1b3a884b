namespace SessionRec.Training.Sasrec;

/// <summary>Hyper-parameters that fix the shape of a SASRec model (training-only settings live elsewhere).</summary>
public sealed record SasrecConfig
{
    /// <summary>Number of real items N; embedding tables have N + 1 rows, row 0 is padding.</summary>
    public required int ItemCount { get; init; }

    public int Dim { get; init; } = 64;

    public int Blocks { get; init; } = 2;

    public int Heads { get; init; } = 1;

    public int MaxLen { get; init; } = 50;

    /// <summary>Hidden width of the point-wise feed-forward layer; SASRec uses the embedding size.</summary>
    public int FfnDim { get; init; } = 64;

    /// <summary>"relu" (the paper) or "gelu".</summary>
    public string Activation { get; init; } = "gelu";

    public float LayerNormEpsilon { get; init; } = 1e-5f;

    /// <summary>
    /// Weight α of BSARec's low-pass branch beside attention in every block (α · filter + (1 − α) · attention);
    /// 0 is plain SASRec.
    /// </summary>
    public float FilterAlpha { get; init; }

    /// <summary>Lowest DFT frequencies over <see cref="MaxLen"/> positions the low-pass branch keeps.</summary>
    public int FilterFrequencies { get; init; } = 3;

    public bool HasFilter => FilterAlpha > 0f;

    public void Validate()
    {
        if (ItemCount < 1 || Dim < 1 || Blocks < 1 || Heads < 1 || MaxLen < 1 || FfnDim < 1)
        {
            throw new ArgumentException("SASRec sizes must be positive.");
        }

        if (Dim % Heads != 0)
        {
            throw new ArgumentException($"Dim {Dim} is not divisible by Heads {Heads}.");
        }

        if (FilterAlpha is < 0f or > 1f || FilterFrequencies < 1)
        {
            throw new ArgumentException($"Filter alpha must be in [0, 1] and frequencies positive, got {FilterAlpha} and {FilterFrequencies}.");
        }

        if (Activation is not ("relu" or "gelu"))
        {
            throw new ArgumentException($"Unknown activation '{Activation}' (relu or gelu).");
        }
    }
}
