using SessionRec.Tensors;

namespace SessionRec.Tensors.Tests;

public class AttentionGradientTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void CausalAttentionWithPaddingMask(int heads)
    {
        const int batch = 3, t = 4, d = 6;
        var (q, k, v) = Projections(20, batch * t, d);
        float[] mask = [0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1];
        GradientChecker.Check(tape => tape.CausalSelfAttention(q, k, v, batch, heads, mask), [q, k, v]);
    }

    [Fact]
    public void SharedInputForQueriesKeysAndValues()
    {
        var rng = new DeterministicRandom(21);
        var x = GradientChecker.Random(rng, 1f, 2 * 3, 4);
        GradientChecker.Check(tape => tape.CausalSelfAttention(x, x, x, 2, 2), [x]);
    }

    [Theory]
    [InlineData(1, 0.3f)]
    [InlineData(2, 0.5f)]
    public void AttentionDropoutWithPaddingMask(int heads, float p)
    {
        const int batch = 3, t = 4, d = 6;
        var (q, k, v) = Projections(22, batch * t, d);
        float[] mask = [0, 0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1];

        // Every forward of the check draws the same mask from a fresh generator.
        GradientChecker.Check(tape => tape.CausalSelfAttention(q, k, v, batch, heads, mask, p, new DeterministicRandom(5)), [q, k, v]);
    }

    [Fact]
    public void AttentionDropoutActsOnlyWhileTraining()
    {
        const int batch = 2, t = 5, d = 4;
        var (q, k, v) = Projections(23, batch * t, d);

        var plain = new Tape().CausalSelfAttention(q, k, v, batch, 2).ToArray();
        var inference = Tape.Inference().CausalSelfAttention(q, k, v, batch, 2, default, 0.5f, new DeterministicRandom(1)).ToArray();
        var training = new Tape().CausalSelfAttention(q, k, v, batch, 2, default, 0.5f, new DeterministicRandom(1)).ToArray();

        Assert.Equal(plain, inference);
        Assert.NotEqual(plain, training);

        // The first query sees only itself: its one weight is kept (scaled to 2) or dropped, so its output is 2·v or 0.
        for (int c = 0; c < 2; c++)
        {
            float o = training[c], vv = v.Data[c];
            Assert.True(Math.Abs(o - (2f * vv)) < 1e-5f || Math.Abs(o) < 1e-6f, $"{o} is neither 2·{vv} nor 0");
        }
    }

    private static (Tensor Q, Tensor K, Tensor V) Projections(ulong seed, int rows, int d)
    {
        var rng = new DeterministicRandom(seed);
        return (GradientChecker.Random(rng, 1f, rows, d), GradientChecker.Random(rng, 1f, rows, d), GradientChecker.Random(rng, 1f, rows, d));
    }
}
