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

    [Fact]
    public void ThreadCountChangesOnlyRoundingOfTheResult()
    {
        float[] two, one;
        using (new EngineSettings(2, force256: false))
        {
            two = Train(seed: 6);
        }

        using (new EngineSettings(1, force256: false))
        {
            one = Train(seed: 6);
        }

        for (int i = 0; i < two.Length; i++)
        {
            Assert.Equal(one[i], two[i], 1e-3f);
        }
    }

    /// <summary>
    /// Three AdamW steps of a model large enough to take the parallel GEMM paths (row split for scores, K split for
    /// the FFN weight gradients) with dropout and clipping on; returns every parameter value.
    /// </summary>
    private static float[] Train(ulong seed)
    {
        const int batch = 32, t = 20, items = 600;
        var model = new TinySasrec(items, dim: 32, maxLen: t, ffn: 128, heads: 2, seed);
        var opt = new AdamW(new AdamOptions { LearningRate = 1e-3f, WeightDecay = 0.01f, MaxGradNorm = 1f });
        opt.AddRange(model.Parameters);
        var rng = new DeterministicRandom(seed + 100);
        var tape = new Tape();
        for (int step = 0; step < 3; step++)
        {
            var (seq, targets) = EndToEndTests.SyntheticBatch(rng, batch, t, items);
            tape.Backward(model.FullLoss(tape, seq, targets, batch, dropout: 0.2f, rng));
            opt.Step();
            tape.Reset();
        }

        return [.. model.Parameters.SelectMany(p => p.Data)];
    }
}
