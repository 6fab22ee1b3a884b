using SessionRec.Tensors;

namespace SessionRec.Tensors.Tests;

public class DeterminismTests
{
    [Fact]
    public void SameSeedGivesBitIdenticalParametersAfterTraining()
    {
        using var _ = new EngineSettings(2, force256: false);
        var first = Train(seed: 5);
        var second = Train(seed: 5);
        Assert.Equal(first.Length, second.Length);
        for (int i = 0; i < first.Length; i++)
        {
            Assert.Equal(first[i], second[i]);
        }
    }

    /// <summary>
    /// One thread against two differ only by the reduction order of K-split sums. Adam turns rounding noise in a
    /// near-zero gradient into a full-size update of that one parameter, so the measure is the RMS over all
    /// parameters; it must sit far below what one optimizer step moves them (so a step lost, repeated or taken on
    /// other data fails), and the maximum stays within the three steps' reach.
    /// </summary>
    [Fact]
    public void ThreadCountChangesOnlyRoundingOfTheResult()
    {
        float[] two, one, shorter;
        using (new EngineSettings(2, force256: false))
        {
            two = Train(seed: 6);
            shorter = Train(seed: 6, steps: 2);
        }

        using (new EngineSettings(1, force256: false))
        {
            one = Train(seed: 6);
        }

        var (roundingRms, roundingMax) = Difference(one, two);
        var (stepRms, _) = Difference(two, shorter);
        Assert.True(roundingRms * 50 < stepRms, $"1 vs 2 threads: RMS {roundingRms:G3}; one step: RMS {stepRms:G3}");
        Assert.True(roundingMax <= 3e-3f, $"1 vs 2 threads: max {roundingMax:G3}");
    }

    private static (double Rms, float Max) Difference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        double sum = 0;
        float max = 0f;
        for (int i = 0; i < a.Length; i++)
        {
            float d = Math.Abs(a[i] - b[i]);
            sum += (double)d * d;
            max = Math.Max(max, d);
        }

        return (Math.Sqrt(sum / a.Length), max);
    }

    /// <summary>
    /// <paramref name="steps"/> AdamW steps of a model large enough to take the parallel GEMM paths (row split for scores, K split for
    /// the FFN weight gradients) with dropout and clipping on; returns every parameter value.
    /// </summary>
    private static float[] Train(ulong seed, int steps = 3)
    {
        const int batch = 32, t = 20, items = 600;
        var model = new TinySasrec(items, dim: 32, maxLen: t, ffn: 128, heads: 2, seed);
        var opt = new AdamW(new AdamOptions { LearningRate = 1e-3f, WeightDecay = 0.01f, MaxGradNorm = 1f });
        opt.AddRange(model.Parameters);
        var rng = new DeterministicRandom(seed + 100);
        var tape = new Tape();
        for (int step = 0; step < steps; step++)
        {
            var (seq, targets) = EndToEndTests.SyntheticBatch(rng, batch, t, items);
            tape.Backward(model.FullLoss(tape, seq, targets, batch, dropout: 0.2f, rng));
            opt.Step();
            tape.Reset();
        }

        return [.. model.Parameters.SelectMany(p => p.Data)];
    }
}
