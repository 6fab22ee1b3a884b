using System.Numerics.Tensors;
using SessionRec.Core.Ranking;
using SessionRec.Models.Sasrec;
using SessionRec.Training.Sasrec;

namespace SessionRec.Training.Tests.Sasrec;

/// <summary>
/// The SASRec forward pass written out plainly from <see cref="SasrecWeights"/>, one session at a time. It is the
/// specification the ONNX graph is checked against, so it favours clarity over speed and allocates per call.
/// Thread-safe: the weights are only read.
/// </summary>
public sealed class SasrecReferenceEncoder : ISessionEncoder
{
    private readonly SasrecWeights _weights;
    private readonly SasrecConfig _config;

    public SasrecReferenceEncoder(SasrecWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        _weights = weights;
        _config = weights.Config;
    }

    public int Dimension => _config.Dim;

    public void Encode(ReadOnlySpan<int> session, Span<float> destination)
    {
        if (destination.Length != _config.Dim)
        {
            throw new ArgumentException($"Destination length must be {_config.Dim}.", nameof(destination));
        }

        var items = SessionWindow.Select(session, _config.MaxLen, _config.ItemCount);
        int t = items.Length;
        int d = _config.Dim;

        var x = Embed(items);
        foreach (var block in _weights.Blocks)
        {
            var normed = LayerNorm(x, t, block.AttnNormGamma, block.AttnNormBeta);
            var attention = SelfAttention(block, normed, items);
            if (_config.HasFilter)
            {
                attention = MixLowPass(block, normed, attention, items);
            }

            TensorPrimitives.Add(x, attention, x);

            var hidden = Linear(LayerNorm(x, t, block.FfnNormGamma, block.FfnNormBeta), t, d, block.W1, block.B1);
            SasrecActivation.Apply(_config.Activation, hidden);
            TensorPrimitives.Add(x, Linear(hidden, t, _config.FfnDim, block.W2, block.B2), x);

            ZeroPaddingRows(x, items);
        }

        LayerNormRow(x.AsSpan((t - 1) * d, d), _weights.FinalNormGamma, _weights.FinalNormBeta, destination);
    }

    // Positions count back from the newest item so a session sees the same positions padded or not.
    private float[] Embed(ReadOnlySpan<int> items)
    {
        int t = items.Length;
        int d = _config.Dim;
        float scale = MathF.Sqrt(d);
        var x = new float[t * d];
        for (int i = 0; i < t; i++)
        {
            if (items[i] == 0)
            {
                continue;
            }

            var row = x.AsSpan(i * d, d);
            TensorPrimitives.Multiply(_weights.ItemEmbedding.AsSpan(items[i] * d, d), scale, row);
            TensorPrimitives.Add(row, _weights.PositionEmbedding.AsSpan((t - 1 - i) * d, d), row);
        }

        return x;
    }

    // α · (β ⊙ hᵢ + (1 − β) ⊙ Σⱼ≤ᵢ lag[i − j] · hⱼ) + (1 − α) · attentionᵢ, over real rows j of the window.
    private float[] MixLowPass(SasrecBlockWeights block, float[] normed, float[] attention, ReadOnlySpan<int> items)
    {
        int t = items.Length;
        int d = _config.Dim;
        float alpha = _config.FilterAlpha;
        var lags = Tensors.LowPassFilter.LagWeights(_config.MaxLen, _config.FilterFrequencies);
        var mixed = new float[t * d];
        for (int i = 0; i < t; i++)
        {
            if (items[i] == 0)
            {
                continue;
            }

            for (int c = 0; c < d; c++)
            {
                float low = 0f;
                for (int j = 0; j <= i; j++)
                {
                    if (items[j] != 0)
                    {
                        low += lags[i - j] * normed[(j * d) + c];
                    }
                }

                float beta = block.FilterSqrtBeta[c] * block.FilterSqrtBeta[c];
                float filtered = (beta * normed[(i * d) + c]) + ((1f - beta) * low);
                mixed[(i * d) + c] = (alpha * filtered) + ((1f - alpha) * attention[(i * d) + c]);
            }
        }

        return mixed;
    }

    private float[] SelfAttention(SasrecBlockWeights block, float[] normed, ReadOnlySpan<int> items)
    {
        int t = items.Length;
        int d = _config.Dim;
        int heads = _config.Heads;
        int headDim = d / heads;
        float scale = 1f / MathF.Sqrt(headDim);

        var q = Linear(normed, t, d, block.Wq, block.Bq);
        var k = Linear(normed, t, d, block.Wk, block.Bk);
        var v = Linear(normed, t, d, block.Wv, block.Bv);
        var context = new float[t * d];
        var weights = new float[t];

        for (int h = 0; h < heads; h++)
        {
            int offset = h * headDim;
            for (int i = 0; i < t; i++)
            {
                // A padding query is zeroed after the block and is never a visible key, so it contributes nothing.
                if (items[i] == 0)
                {
                    continue;
                }

                var query = q.AsSpan((i * d) + offset, headDim);
                float max = float.NegativeInfinity;
                for (int j = 0; j <= i; j++)
                {
                    weights[j] = items[j] == 0
                        ? float.NegativeInfinity
                        : TensorPrimitives.Dot(query, k.AsSpan((j * d) + offset, headDim)) * scale;
                    max = MathF.Max(max, weights[j]);
                }

                float sum = 0f;
                for (int j = 0; j <= i; j++)
                {
                    weights[j] = MathF.Exp(weights[j] - max);
                    sum += weights[j];
                }

                var output = context.AsSpan((i * d) + offset, headDim);
                for (int j = 0; j <= i; j++)
                {
                    TensorPrimitives.MultiplyAdd(v.AsSpan((j * d) + offset, headDim), weights[j] / sum, output, output);
                }
            }
        }

        return Linear(context, t, d, block.Wo, block.Bo);
    }

    private float[] LayerNorm(float[] x, int rows, float[] gamma, float[] beta)
    {
        int d = _config.Dim;
        var y = new float[x.Length];
        for (int i = 0; i < rows; i++)
        {
            LayerNormRow(x.AsSpan(i * d, d), gamma, beta, y.AsSpan(i * d, d));
        }

        return y;
    }

    // Biased variance, as ONNX LayerNormalization and PyTorch nn.LayerNorm compute it.
    private void LayerNormRow(ReadOnlySpan<float> x, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> y)
    {
        float mean = TensorPrimitives.Sum(x) / x.Length;
        TensorPrimitives.Subtract(x, mean, y);
        float variance = TensorPrimitives.Dot(y, y) / x.Length;
        TensorPrimitives.Multiply(y, 1f / MathF.Sqrt(variance + _config.LayerNormEpsilon), y);
        TensorPrimitives.MultiplyAdd(y, gamma, beta, y);
    }

    /// <summary>y[rows, outDim] = x[rows, inDim]·W[inDim, outDim] + b.</summary>
    private static float[] Linear(float[] x, int rows, int inDim, float[] w, float[] b)
    {
        int outDim = b.Length;
        var y = new float[rows * outDim];
        for (int r = 0; r < rows; r++)
        {
            var yRow = y.AsSpan(r * outDim, outDim);
            b.CopyTo(yRow);
            for (int k = 0; k < inDim; k++)
            {
                TensorPrimitives.MultiplyAdd(w.AsSpan(k * outDim, outDim), x[(r * inDim) + k], yRow, yRow);
            }
        }

        return y;
    }

    private void ZeroPaddingRows(float[] x, ReadOnlySpan<int> items)
    {
        int d = _config.Dim;
        for (int i = 0; i < items.Length; i++)
        {
            if (items[i] == 0)
            {
                x.AsSpan(i * d, d).Clear();
            }
        }
    }
}
