using SessionRec.Tensors;

namespace SessionRec.Tensors.Tests;

public class EndToEndTests
{
    [Fact]
    public void TransformerBlockGradientsMatchFiniteDifferences()
    {
        var model = new TinySasrec(items: 7, dim: 4, maxLen: 3, ffn: 6, heads: 2, seed: 40);
        int[] items = [0, 3, 5, 2, 7, 1];
        int[] targets = [0, 5, 6, 7, 1, 4];
        GradientChecker.Check(
            tape => model.FullLoss(tape, items, targets, batch: 2, dropout: 0.2f, new DeterministicRandom(5)),
            model.Parameters, tolerance: 2e-3);
    }

    [Fact]
    public void SessionEmbeddingIsTheLastPosition()
    {
        var model = new TinySasrec(items: 9, dim: 8, maxLen: 4, ffn: 8, heads: 1, seed: 41);
        int[] items = [0, 0, 4, 9, 1, 2, 3, 4];
        var tape = Tape.Inference();
        var hidden = tape.Encode(model, items, batch: 2, dropout: 0.5f, new DeterministicRandom(1));
        var last = tape.GatherRows(hidden, [3, 7]);
        Assert.Equal(hidden.Data.AsSpan(3 * 8, 8).ToArray(), last.Data.AsSpan(0, 8).ToArray());

        // Left padding must not change the real positions: the same session without padding encodes identically.
        var unpadded = Tape.Inference().Encode(model, [4, 9], batch: 1, dropout: 0f, new DeterministicRandom(1));
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(unpadded.Data[8 + i], hidden.Data[3 * 8 + i], 1e-5f);
        }
    }

    [Fact]
    public void TrainingReducesTheLoss()
    {
        var model = new TinySasrec(items: 20, dim: 16, maxLen: 6, ffn: 16, heads: 2, seed: 42);
        var (items, targets) = SyntheticBatch(new DeterministicRandom(3), batch: 8, t: 6, itemCount: 20);
        var opt = new AdamW(new AdamOptions { LearningRate = 1e-2f, MaxGradNorm = 5f });
        opt.AddRange(model.Parameters);
        var tape = new Tape();
        float first = 0, last = 0;
        for (int step = 0; step < 30; step++)
        {
            var loss = model.FullLoss(tape, items, targets, 8, 0f, new DeterministicRandom(9));
            last = loss.Item();
            if (step == 0)
            {
                first = last;
            }

            tape.Backward(loss);
            opt.Step();
            tape.Reset();
        }

        Assert.True(last < first * 0.5f, $"Loss went from {first} to {last}.");
    }

    /// <summary>Sequences where the next item is (item + 1) mod n: learnable, so the loss must fall.</summary>
    internal static (int[] Items, int[] Targets) SyntheticBatch(DeterministicRandom rng, int batch, int t, int itemCount)
    {
        var items = new int[batch * t];
        var targets = new int[batch * t];
        for (int b = 0; b < batch; b++)
        {
            int len = rng.NextInt(2, t + 1);
            int start = rng.NextInt(itemCount);
            for (int i = 0; i < len; i++)
            {
                int pos = b * t + t - len + i;
                items[pos] = (start + i) % itemCount + 1;
                targets[pos] = (start + i + 1) % itemCount + 1;
            }
        }

        return (items, targets);
    }
}
