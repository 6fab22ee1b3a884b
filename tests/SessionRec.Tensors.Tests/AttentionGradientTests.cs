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
        var rng = new DeterministicRandom(20);
        var q = GradientChecker.Random(rng, 1f, batch * t, d);
        var k = GradientChecker.Random(rng, 1f, batch * t, d);
        var v = GradientChecker.Random(rng, 1f, batch * t, d);
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
}
