using System.Globalization;
using Google.Protobuf;
using Onnx;
using SessionRec.Models.Sasrec;
using SessionRec.Tensors;
using SessionRec.Training.Sasrec;
using static SessionRec.Training.Onnx.OnnxGraphBuilder;
using DataType = Onnx.TensorProto.Types.DataType;

namespace SessionRec.Training.Onnx;

/// <summary>
/// Writes the SASRec encoder as an ONNX graph (opset 17) that computes exactly what the training network computes in
/// inference mode (both are checked against the reference encoder in the tests), for a batch of left-padded
/// sessions. The I/O contract (<see cref="OnnxEncoderContract"/>) is documented in docs/model-contract.md.
/// </summary>
public static class SasrecOnnxExporter
{
    public const string InputName = OnnxEncoderContract.InputName;
    public const string OutputName = OnnxEncoderContract.OutputName;

    /// <summary>Model metadata key holding the longest session the graph accepts (its stored masks' size).</summary>
    public const string MaxLenMetadataKey = OnnxEncoderContract.MaxLenMetadataKey;

    // LayerNormalization entered the default domain in opset 17.
    private const long Opset = 17;

    // A large finite negative instead of -inf: a fully masked row (a padding query) then softmaxes to a harmless
    // uniform row instead of 0/0 = NaN. exp(-1e9 - max) is exactly 0 in float, so visible rows are unaffected.
    private const float MaskedScore = -1e9f;

    public static void Write(SasrecWeights weights, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Build(weights).WriteTo(destination);
    }

    public static byte[] ToBytes(SasrecWeights weights) => Build(weights).ToByteArray();

    internal static ModelProto Build(SasrecWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw tensor data is little-endian.");
        }

        var config = weights.Config;
        config.Validate();
        int d = config.Dim;
        var g = new OnnxGraphBuilder("sasrec_encoder");
        g.Input(InputName, DataType.Int64, "batch", "seq");
        g.Output(OutputName, DataType.Float, "batch", d);

        var itemEmbedding = g.Floats("item_embedding", weights.ItemEmbedding, config.ItemCount + 1, d);
        var positionEmbedding = g.Floats("position_embedding", weights.PositionEmbedding, config.MaxLen, d);

        // Sequence length t and the positions t-1 … 0 (distance from the newest item), as (t-1) - Range(0, t):
        // Gather(table, Range(t-1, -1, -1)) is valid ONNX, but ONNX Runtime 1.31 at ORT_ENABLE_EXTENDED and above
        // rewrites that pattern and returns an empty tensor for a negative step (reproduced on a 6-node graph).
        var seqLength = g.Node("Gather", [g.Node("Shape", [InputName]), g.Int64("axis_1_index", 1)],
            Attribute("axis", 0L));
        var zero = g.Int64("zero", 0);
        var one = g.Int64("one", 1);
        var positions = g.Node("Sub", [
            g.Node("Sub", [seqLength, one]),
            g.Node("Range", [zero, seqLength, one])]);

        var isPadding = g.Node("Equal", [InputName, zero]);
        var keepRows = g.Node("Unsqueeze", [
            g.Node("Cast", [g.Node("Not", [isPadding])], Attribute("to", (long)DataType.Float)),
            g.Int64s("axes_last", [2], 1)]);
        var attentionBias = AttentionBias(g, config.MaxLen, isPadding, seqLength);
        var lowPass = config.HasFilter ? LowPassMatrix(g, config, seqLength) : null;

        var x = g.Node("Add", [
            g.Node("Mul", [g.Node("Gather", [itemEmbedding, InputName]), g.Float("sqrt_dim", MathF.Sqrt(d))]),
            g.Node("Gather", [positionEmbedding, positions])]);
        x = g.Node("Mul", [x, keepRows]);

        for (int b = 0; b < weights.Blocks.Count; b++)
        {
            x = Block(g, config, weights.Blocks[b], $"block{b}", x, attentionBias, lowPass, keepRows);
        }

        var last = g.Node("Gather", [x, g.Int64("last_position", -1)], Attribute("axis", 1L));
        g.NodeTo(OutputName, "LayerNormalization", [
                last,
                g.Floats("final_norm_gamma", weights.FinalNormGamma, d),
                g.Floats("final_norm_beta", weights.FinalNormBeta, d)],
            Attribute("axis", -1L), Attribute("epsilon", config.LayerNormEpsilon));

        return g.ToModel(Opset, new Dictionary<string, string>
        {
            [MaxLenMetadataKey] = config.MaxLen.ToString(CultureInfo.InvariantCulture),
            ["activation"] = config.Activation,
            ["architecture"] = "sasrec",
        });
    }

    /// <summary>[b, 1, t, t] additive bias: the causal mask sliced from a stored [max_len, max_len] constant plus
    /// the key padding mask.</summary>
    private static string AttentionBias(OnnxGraphBuilder g, int maxLen, string isPadding, string seqLength)
    {
        var causal = new float[maxLen * maxLen];
        for (int i = 0; i < maxLen; i++)
        {
            causal.AsSpan((i * maxLen) + i + 1, maxLen - i - 1).Fill(MaskedScore);
        }

        var causalSlice = TopLeft(g, g.Floats("causal_mask", causal, maxLen, maxLen), seqLength);
        var keyPadding = g.Node("Unsqueeze", [
            g.Node("Mul", [
                g.Node("Cast", [isPadding], Attribute("to", (long)DataType.Float)),
                g.Float("masked_score", MaskedScore)]),
            g.Int64s("axes_heads_queries", [1, 2], 2)]);
        return g.Node("Add", [causalSlice, keyPadding]);
    }

    /// <summary>[t, t] lower-triangular lag weights of the low-pass branch (Tape.CausalLowPass): row i mixes rows j ≤ i.</summary>
    private static string LowPassMatrix(OnnxGraphBuilder g, SasrecConfig config, string seqLength)
    {
        int maxLen = config.MaxLen;
        var lags = LowPassFilter.LagWeights(maxLen, config.FilterFrequencies);
        var matrix = new float[maxLen * maxLen];
        for (int i = 0; i < maxLen; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                matrix[(i * maxLen) + j] = lags[i - j];
            }
        }

        return TopLeft(g, g.Floats("low_pass", matrix, maxLen, maxLen), seqLength);
    }

    // The stored constants are [max_len, max_len]; a batch of length t uses their top-left [t, t].
    private static string TopLeft(OnnxGraphBuilder g, string matrix, string seqLength)
    {
        var lengthVector = g.Node("Unsqueeze", [seqLength, g.Int64s($"{matrix}_axes_first", [0], 1)]);
        return g.Node("Slice", [
            matrix,
            g.Int64s($"{matrix}_slice_starts", [0, 0], 2),
            g.Node("Concat", [lengthVector, lengthVector], Attribute("axis", 0L)),
            g.Int64s($"{matrix}_slice_axes", [0, 1], 2)]);
    }

    private static string Block(
        OnnxGraphBuilder g, SasrecConfig config, SasrecBlockWeights w, string name, string x, string attentionBias,
        string? lowPass, string keepRows)
    {
        int d = config.Dim;
        int heads = config.Heads;
        int headDim = d / heads;

        var normed = LayerNorm(g, config, x, w.AttnNormGamma, w.AttnNormBeta, $"{name}_attn_norm");
        var splitShape = g.Int64s($"{name}_split_heads", [0, 0, heads, headDim], 4);
        string Heads(string projected, long[] perm) =>
            g.Node("Transpose", [g.Node("Reshape", [projected, splitShape])], Attribute("perm", perm));

        var q = Heads(Linear(g, normed, w.Wq, w.Bq, d, d, $"{name}_q"), [0, 2, 1, 3]);
        var kT = Heads(Linear(g, normed, w.Wk, w.Bk, d, d, $"{name}_k"), [0, 2, 3, 1]);
        var v = Heads(Linear(g, normed, w.Wv, w.Bv, d, d, $"{name}_v"), [0, 2, 1, 3]);

        var scores = g.Node("Add", [
            g.Node("Mul", [g.Node("MatMul", [q, kT]), g.Float($"{name}_score_scale", 1f / MathF.Sqrt(headDim))]),
            attentionBias]);
        var context = g.Node("MatMul", [g.Node("Softmax", [scores], Attribute("axis", -1L)), v]);
        var merged = g.Node("Reshape", [
            g.Node("Transpose", [context], Attribute("perm", 0L, 2L, 1L, 3L)),
            g.Int64s($"{name}_merge_heads", [0, 0, d], 3)]);
        var mixed = Linear(g, merged, w.Wo, w.Bo, d, d, $"{name}_o");
        if (lowPass is not null)
        {
            // β ⊙ h + (1 − β) ⊙ low, low = L·h over real rows only (padding rows of h are the norm's bias).
            var beta = new float[d];
            for (int i = 0; i < d; i++)
            {
                beta[i] = w.FilterSqrtBeta[i] * w.FilterSqrtBeta[i];
            }

            var oneMinusBeta = beta.Select(b => 1f - b).ToArray();
            var low = g.Node("MatMul", [lowPass, g.Node("Mul", [normed, keepRows])]);
            var filtered = g.Node("Add", [
                g.Node("Mul", [normed, g.Floats($"{name}_filter_beta", beta, d)]),
                g.Node("Mul", [low, g.Floats($"{name}_filter_one_minus_beta", oneMinusBeta, d)])]);
            mixed = g.Node("Add", [
                g.Node("Mul", [filtered, g.Float($"{name}_filter_alpha", config.FilterAlpha)]),
                g.Node("Mul", [mixed, g.Float($"{name}_attention_weight", 1f - config.FilterAlpha)])]);
        }

        x = g.Node("Add", [x, mixed]);

        var ffnIn = LayerNorm(g, config, x, w.FfnNormGamma, w.FfnNormBeta, $"{name}_ffn_norm");
        var hidden = Activation(g, config.Activation, Linear(g, ffnIn, w.W1, w.B1, d, config.FfnDim, $"{name}_ffn1"),
            name);
        x = g.Node("Add", [x, Linear(g, hidden, w.W2, w.B2, config.FfnDim, d, $"{name}_ffn2")]);
        return g.Node("Mul", [x, keepRows]);
    }

    private static string Linear(
        OnnxGraphBuilder g, string x, float[] weight, float[] bias, int inDim, int outDim, string name) =>
        g.Node("Add", [
            g.Node("MatMul", [x, g.Floats($"{name}_weight", weight, inDim, outDim)]),
            g.Floats($"{name}_bias", bias, outDim)]);

    private static string LayerNorm(
        OnnxGraphBuilder g, SasrecConfig config, string x, float[] gamma, float[] beta, string name) =>
        g.Node("LayerNormalization", [
                x, g.Floats($"{name}_gamma", gamma, config.Dim), g.Floats($"{name}_beta", beta, config.Dim)],
            Attribute("axis", -1L), Attribute("epsilon", config.LayerNormEpsilon));

    // Gelu became an operator only in opset 20, so the exact form (see SasrecActivation) is composed from Erf.
    private static string Activation(OnnxGraphBuilder g, string activation, string x, string name)
    {
        if (activation == "relu")
        {
            return g.Node("Relu", [x]);
        }

        var cdfTimesTwo = g.Node("Add", [
            g.Node("Erf", [g.Node("Mul", [x, g.Float($"{name}_gelu_inv_sqrt2", SasrecActivation.InvSqrt2)])]),
            g.Float($"{name}_gelu_one", 1f)]);
        return g.Node("Mul", [g.Node("Mul", [x, cdfTimesTwo]), g.Float($"{name}_gelu_half", 0.5f)]);
    }
}
