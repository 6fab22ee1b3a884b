using SessionRec.Tensors;

namespace SessionRec.Training.Sasrec;

/// <summary>Fresh weights for training and copies of trained ones.</summary>
public static class SasrecWeightsFactory
{
    /// <summary>
    /// Truncated-normal(0, std) for embeddings and matrices, zero biases, unit norm gains (BERT-style, as common SASRec
    /// reproductions use); the padding row of the item table stays zero.
    /// </summary>
    public static SasrecWeights Initialize(SasrecConfig config, float std, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var weights = new SasrecWeights(config);
        random.FillTruncatedNormal(weights.ItemEmbedding.AsSpan(config.Dim), std);
        random.FillTruncatedNormal(weights.PositionEmbedding, std);
        foreach (var block in weights.Blocks)
        {
            foreach (var matrix in new[] { block.Wq, block.Wk, block.Wv, block.Wo, block.W1, block.W2 })
            {
                random.FillTruncatedNormal(matrix, std);
            }
        }

        // Drawn last so that models without a filter start from the same numbers as before it existed.
        if (config.HasFilter)
        {
            foreach (var block in weights.Blocks)
            {
                for (int i = 0; i < block.FilterSqrtBeta.Length; i++)
                {
                    block.FilterSqrtBeta[i] = (float)random.NextGaussian();
                }
            }
        }

        return weights;
    }

    public static SasrecWeights Clone(SasrecWeights source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var copy = new SasrecWeights(source.Config);
        CopyInto(source, copy);
        return copy;
    }

    public static void CopyInto(SasrecWeights source, SasrecWeights destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var from = Arrays(source).ToList();
        var to = Arrays(destination).ToList();
        if (from.Count != to.Count)
        {
            throw new ArgumentException("The weights have different shapes.", nameof(destination));
        }

        for (int i = 0; i < from.Count; i++)
        {
            from[i].AsSpan().CopyTo(to[i]);
        }
    }

    /// <summary>average += rate · (current − average), array by array.</summary>
    public static void MoveAverage(SasrecWeights average, SasrecWeights current, float rate)
    {
        ArgumentNullException.ThrowIfNull(average);
        ArgumentNullException.ThrowIfNull(current);
        using var to = Arrays(average).GetEnumerator();
        foreach (var from in Arrays(current))
        {
            to.MoveNext();
            System.Numerics.Tensors.TensorPrimitives.Lerp(to.Current, from, rate, to.Current);
        }
    }

    /// <summary>Every parameter array in a fixed order.</summary>
    public static IEnumerable<float[]> Arrays(SasrecWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        yield return weights.ItemEmbedding;
        yield return weights.PositionEmbedding;
        foreach (var b in weights.Blocks)
        {
            yield return b.AttnNormGamma;
            yield return b.AttnNormBeta;
            yield return b.Wq;
            yield return b.Bq;
            yield return b.Wk;
            yield return b.Bk;
            yield return b.Wv;
            yield return b.Bv;
            yield return b.Wo;
            yield return b.Bo;
            yield return b.FfnNormGamma;
            yield return b.FfnNormBeta;
            yield return b.W1;
            yield return b.B1;
            yield return b.W2;
            yield return b.B2;
            if (weights.Config.HasFilter)
            {
                yield return b.FilterSqrtBeta;
            }
        }

        yield return weights.FinalNormGamma;
        yield return weights.FinalNormBeta;
    }
}
