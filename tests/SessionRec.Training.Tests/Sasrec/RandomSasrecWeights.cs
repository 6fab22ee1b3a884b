using SessionRec.Training.Sasrec;


namespace SessionRec.Training.Tests.Sasrec;

/// <summary>Seeded random SASRec weights at scales where every layer matters (no near-zero branches).</summary>
internal static class RandomSasrecWeights
{
    public static SasrecWeights Create(SasrecConfig config, int seed)
    {
        var rng = new Random(seed);
        var weights = new SasrecWeights(config);
        float linearScale = 1f / MathF.Sqrt(config.Dim);

        Fill(weights.ItemEmbedding.AsSpan(config.Dim), rng, 0.5f);
        Fill(weights.PositionEmbedding, rng, 0.5f);
        Fill(weights.FinalNormGamma, rng, 0.3f, 1f);
        Fill(weights.FinalNormBeta, rng, 0.3f);
        foreach (var block in weights.Blocks)
        {
            Fill(block.AttnNormGamma, rng, 0.3f, 1f);
            Fill(block.AttnNormBeta, rng, 0.3f);
            Fill(block.FfnNormGamma, rng, 0.3f, 1f);
            Fill(block.FfnNormBeta, rng, 0.3f);
            foreach (var matrix in new[] { block.Wq, block.Wk, block.Wv, block.Wo, block.W1 })
            {
                Fill(matrix, rng, 2f * linearScale);
            }

            Fill(block.W2, rng, 2f / MathF.Sqrt(config.FfnDim));
            foreach (var bias in new[] { block.Bq, block.Bk, block.Bv, block.Bo, block.B1, block.B2 })
            {
                Fill(bias, rng, 0.2f);
            }
        }

        if (config.HasFilter)
        {
            // β = √β² spread over (0, 1.7) so both branches of the mix matter.
            foreach (var block in weights.Blocks)
            {
                Fill(block.FilterSqrtBeta, rng, 0.6f, 0.7f);
            }
        }

        return weights;
    }

    public static int[] Session(Random rng, int length, int itemCount) =>
        [.. Enumerable.Range(0, length).Select(_ => rng.Next(1, itemCount + 1))];

    private static void Fill(Span<float> values, Random rng, float scale, float center = 0f)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = center + (scale * ((2f * rng.NextSingle()) - 1f));
        }
    }
}
