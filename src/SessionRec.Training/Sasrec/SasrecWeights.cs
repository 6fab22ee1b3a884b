namespace SessionRec.Training.Sasrec;

/// <summary>
/// The trained parameters of a SASRec encoder as plain row-major arrays: the contract between the trainer, the ONNX
/// exporter and the reference forward pass. Linear weights are stored [in, out] so that y = x·W + b.
/// </summary>
/// <remarks>
/// Architecture (pre-layer-norm, Kang &amp; McAuley 2018 with the usual fixes):
/// x = ItemEmbedding[item] · √Dim + PositionEmbedding[distance from the end] (newest item at position 0, so padded
/// and unpadded sequences see the same positions); padding rows zeroed. Per block:
/// x = x + Attention(LN_attn(x)) with causal and key-padding masks, Q/K/V/O projections with bias, heads of Dim/Heads
/// (with a filter, <see cref="SasrecConfig.FilterAlpha"/> α: x = x + α · LowPass(h) + (1 − α) · Attention(h), h = LN_attn(x),
/// LowPass as Tape.CausalLowPass with β = FilterSqrtBeta²);
/// x = x + W2·act(W1·LN_ffn(x) + b1) + b2; padding rows zeroed. Finally LN_final(x); the session embedding is the last
/// position. Item scores are inner products with ItemEmbedding (shared input/output table).
/// </remarks>
public sealed class SasrecWeights
{
    public SasrecWeights(SasrecConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        int d = config.Dim;
        ItemEmbedding = new float[(config.ItemCount + 1) * d];
        PositionEmbedding = new float[config.MaxLen * d];
        Blocks = [.. Enumerable.Range(0, config.Blocks).Select(_ => new SasrecBlockWeights(d, config.FfnDim))];
        FinalNormGamma = Ones(d);
        FinalNormBeta = new float[d];
    }

    public SasrecConfig Config { get; }

    /// <summary>[ItemCount + 1, Dim]; row 0 (padding) stays zero.</summary>
    public float[] ItemEmbedding { get; }

    /// <summary>[MaxLen, Dim]; row p is the p-th item counted back from the newest.</summary>
    public float[] PositionEmbedding { get; }

    public IReadOnlyList<SasrecBlockWeights> Blocks { get; }

    public float[] FinalNormGamma { get; }

    public float[] FinalNormBeta { get; }

    internal static float[] Ones(int n)
    {
        var a = new float[n];
        Array.Fill(a, 1f);
        return a;
    }
}

/// <summary>One transformer block's parameters; see <see cref="SasrecWeights"/> for the computation.</summary>
public sealed class SasrecBlockWeights
{
    public SasrecBlockWeights(int dim, int ffnDim)
    {
        AttnNormGamma = SasrecWeights.Ones(dim);
        AttnNormBeta = new float[dim];
        Wq = new float[dim * dim];
        Bq = new float[dim];
        Wk = new float[dim * dim];
        Bk = new float[dim];
        Wv = new float[dim * dim];
        Bv = new float[dim];
        Wo = new float[dim * dim];
        Bo = new float[dim];
        FfnNormGamma = SasrecWeights.Ones(dim);
        FfnNormBeta = new float[dim];
        FilterSqrtBeta = SasrecWeights.Ones(dim);
        W1 = new float[dim * ffnDim];
        B1 = new float[ffnDim];
        W2 = new float[ffnDim * dim];
        B2 = new float[dim];
    }

    public float[] AttnNormGamma { get; }
    public float[] AttnNormBeta { get; }

    /// <summary>[Dim, Dim]</summary>
    public float[] Wq { get; }
    public float[] Bq { get; }
    public float[] Wk { get; }
    public float[] Bk { get; }
    public float[] Wv { get; }
    public float[] Bv { get; }
    public float[] Wo { get; }
    public float[] Bo { get; }
    public float[] FfnNormGamma { get; }
    public float[] FfnNormBeta { get; }

    /// <summary>√β of the low-pass branch; a parameter only when the config has a filter.</summary>
    public float[] FilterSqrtBeta { get; }

    /// <summary>[Dim, FfnDim]</summary>
    public float[] W1 { get; }
    public float[] B1 { get; }

    /// <summary>[FfnDim, Dim]</summary>
    public float[] W2 { get; }
    public float[] B2 { get; }
}
