using SessionRec.Tensors;

namespace SessionRec.Training.Sasrec;

/// <summary>
/// The trainable SASRec encoder: tensor parameters that wrap the arrays of a <see cref="SasrecWeights"/> (not
/// copies), so the optimizer updates the weights the exporter writes. The forward is the computation documented on
/// <see cref="SasrecWeights"/>, batched, plus dropout while training.
/// </summary>
public sealed class SasrecNetwork
{
    private readonly List<(Tensor Parameter, bool Decay)> _parameters = [];
    private readonly BlockParameters[] _blocks;
    private readonly Activation _activation;
    private readonly float[] _lagWeights;

    public SasrecNetwork(SasrecWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        Weights = weights;
        var config = weights.Config;
        int d = config.Dim, f = config.FfnDim;
        ItemEmbedding = Add(weights.ItemEmbedding, true, config.ItemCount + 1, d);
        PositionEmbedding = Add(weights.PositionEmbedding, true, config.MaxLen, d);
        _blocks = [.. weights.Blocks.Select(b => new BlockParameters(
            Add(b.AttnNormGamma, false, d), Add(b.AttnNormBeta, false, d),
            Add(b.Wq, true, d, d), Add(b.Bq, false, d),
            Add(b.Wk, true, d, d), Add(b.Bk, false, d),
            Add(b.Wv, true, d, d), Add(b.Bv, false, d),
            Add(b.Wo, true, d, d), Add(b.Bo, false, d),
            Add(b.FfnNormGamma, false, d), Add(b.FfnNormBeta, false, d),
            Add(b.W1, true, d, f), Add(b.B1, false, f),
            Add(b.W2, true, f, d), Add(b.B2, false, d),
            config.HasFilter ? Add(b.FilterSqrtBeta, false, d) : null))];
        FinalNormGamma = Add(weights.FinalNormGamma, false, d);
        FinalNormBeta = Add(weights.FinalNormBeta, false, d);
        _activation = config.Activation == "relu" ? Activation.Relu : Activation.Gelu;
        _lagWeights = config.HasFilter ? LowPassFilter.LagWeights(config.MaxLen, config.FilterFrequencies) : [];
    }

    public SasrecWeights Weights { get; }

    public SasrecConfig Config => Weights.Config;

    /// <summary>[ItemCount + 1, Dim], shared by the input lookup and the output scoring.</summary>
    public Tensor ItemEmbedding { get; }

    public Tensor PositionEmbedding { get; }

    public Tensor FinalNormGamma { get; }

    public Tensor FinalNormBeta { get; }

    /// <summary>Every parameter with whether weight decay applies (matrices and embeddings, not biases or norms).</summary>
    public IReadOnlyList<(Tensor Parameter, bool Decay)> Parameters => _parameters;

    /// <summary>
    /// Hidden states [Size·Length, Dim] of every position (padding rows are the final norm of a zero row). Dropout
    /// (<paramref name="dropout"/> on hidden units, <paramref name="attentionDropout"/> on attention probabilities)
    /// draws from <paramref name="random"/> only when the tape is training.
    /// </summary>
    public Tensor Encode(Tape tape, SasrecBatch batch, float dropout, DeterministicRandom random, float attentionDropout = 0f)
    {
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentNullException.ThrowIfNull(batch);
        var config = Config;
        int t = batch.Length;
        if (t > config.MaxLen)
        {
            throw new ArgumentException($"Batch length {t} exceeds max length {config.MaxLen}.", nameof(batch));
        }

        var mask = new float[batch.Items.Length];
        var positions = new int[batch.Items.Length];
        for (int r = 0; r < mask.Length; r++)
        {
            mask[r] = batch.Items[r] == 0 ? 0f : 1f;
            positions[r] = t - 1 - (r % t);
        }

        var x = tape.Scale(tape.Embedding(ItemEmbedding, batch.Items), MathF.Sqrt(config.Dim));
        x = tape.Add(x, tape.Embedding(PositionEmbedding, positions, paddingIndex: -1));
        x = tape.MulRowMask(tape.Dropout(x, dropout, random), mask);
        foreach (var b in _blocks)
        {
            var h = tape.LayerNorm(x, b.AttnNormGamma, b.AttnNormBeta, config.LayerNormEpsilon);
            var context = tape.CausalSelfAttention(
                tape.Linear(h, b.Wq, b.Bq), tape.Linear(h, b.Wk, b.Bk), tape.Linear(h, b.Wv, b.Bv),
                batch.Size, config.Heads, mask, attentionDropout, random);
            var mixed = tape.Linear(context, b.Wo, b.Bo);
            if (b.FilterSqrtBeta is { } sqrtBeta)
            {
                mixed = tape.Add(
                    tape.Scale(tape.CausalLowPass(h, sqrtBeta, _lagWeights, batch.Size, mask), config.FilterAlpha),
                    tape.Scale(mixed, 1f - config.FilterAlpha));
            }

            x = tape.Add(x, tape.Dropout(mixed, dropout, random));

            h = tape.LayerNorm(x, b.FfnNormGamma, b.FfnNormBeta, config.LayerNormEpsilon);
            var hidden = tape.Dropout(tape.Linear(h, b.W1, b.B1, _activation), dropout, random);
            x = tape.Add(x, tape.Dropout(tape.Linear(hidden, b.W2, b.B2), dropout, random));
            x = tape.MulRowMask(x, mask);
        }

        return tape.LayerNorm(x, FinalNormGamma, FinalNormBeta, config.LayerNormEpsilon);
    }

    /// <summary>
    /// The padding row of the item table must stay zero (the exported table and the encoder rely on it), but it
    /// receives gradient through the output scores; drop that before each optimizer step.
    /// </summary>
    public void ClearPaddingGradient() => ItemEmbedding.Grad?.AsSpan(0, Config.Dim).Clear();

    private Tensor Add(float[] data, bool decay, params int[] shape)
    {
        var tensor = Tensor.Parameter(data, shape);
        _parameters.Add((tensor, decay));
        return tensor;
    }

    private sealed record BlockParameters(
        Tensor AttnNormGamma, Tensor AttnNormBeta,
        Tensor Wq, Tensor Bq, Tensor Wk, Tensor Bk, Tensor Wv, Tensor Bv, Tensor Wo, Tensor Bo,
        Tensor FfnNormGamma, Tensor FfnNormBeta, Tensor W1, Tensor B1, Tensor W2, Tensor B2, Tensor? FilterSqrtBeta);
}
