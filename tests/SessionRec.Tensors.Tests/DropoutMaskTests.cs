using SessionRec.Tensors;

namespace SessionRec.Tensors.Tests;

public class DropoutMaskTests
{
    [Theory]
    [InlineData(0.0f)]
    [InlineData(0.2f)]
    [InlineData(0.3f)]
    [InlineData(0.5f)]
    [InlineData(0.999f)]
    public void Vectorized_mask_equals_the_scalar_draws_and_leaves_the_same_state(float p)
    {
        float keep = 1f / (1f - p);
        foreach (int length in new[] { 0, 1, 15, 16, 17, 31, 32, 33, 100, 1000 })
        {
            var scalar = new DeterministicRandom(7);
            var expected = new float[length];
            for (int i = 0; i < length; i++)
            {
                expected[i] = scalar.NextFloat() < p ? 0f : keep;
            }

            var vector = new DeterministicRandom(7);
            var mask = new float[length];
            vector.FillDropoutMask(mask, p, keep);

            Assert.Equal(expected, mask);
            Assert.Equal(scalar.NextUInt64(), vector.NextUInt64());
        }
    }

    [Fact]
    public void Mask_drops_about_the_asked_share()
    {
        var mask = new float[100_000];
        new DeterministicRandom(3).FillDropoutMask(mask, 0.3f, 1f / 0.7f);
        double dropped = mask.Count(m => m == 0f) / (double)mask.Length;
        Assert.InRange(dropped, 0.29, 0.31);
    }
}
