using System.Runtime.Intrinsics;

namespace SessionRec.Tensors;

/// <summary>
/// SplitMix64 generator: fixed algorithm, so a seed reproduces the same stream on every runtime version
/// (System.Random makes no such promise).
/// </summary>
public sealed class DeterministicRandom
{
    private ulong state;

    /// <summary>Creates a generator from a seed.</summary>
    public DeterministicRandom(ulong seed) => state = seed;

    private const ulong Gamma = 0x9E3779B97F4A7C15UL, Mix1 = 0xBF58476D1CE4E5B9UL, Mix2 = 0x94D049BB133111EBUL;

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong z = state += Gamma;
        z = (z ^ (z >> 30)) * Mix1;
        z = (z ^ (z >> 27)) * Mix2;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// Dropout keep factors: <c>mask[i] = NextFloat() &lt; p ? 0 : keep</c> for each element in order, the same
    /// values and the same state afterwards as that loop. The i-th draw depends only on the state plus i·γ, so
    /// sixteen draws are made at once: the scalar loop cost a training step more time than the layer it masks.
    /// </summary>
    public void FillDropoutMask(Span<float> mask, float p, float keep)
    {
        // NextFloat() < p  ⇔  (z >> 40) < p·2²⁴ (both sides exact)  ⇔  (z >> 40) < ⌈p·2²⁴⌉ for an integer z >> 40.
        uint threshold = (uint)Math.Ceiling(p * 16777216.0);
        int i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<ulong>.IsSupported && mask.Length >= 16)
        {
            var lanes = Vector512.Create(1UL, 2, 3, 4, 5, 6, 7, 8) * Gamma;
            var stride = Vector512.Create(unchecked(8UL * Gamma));
            var limit = Vector512.Create(threshold);
            var kept = Vector512.Create(keep);
            for (; i <= mask.Length - 16; i += 16)
            {
                var lo = Vector512.Create(state) + lanes;
                var hi = lo + stride;
                state += unchecked(16 * Gamma);
                var u = Vector512.Narrow(Draw24(lo), Draw24(hi));
                Vector512.ConditionalSelect(Vector512.LessThan(u, limit).AsSingle(), Vector512<float>.Zero, kept)
                    .CopyTo(mask[i..]);
            }
        }

        for (; i < mask.Length; i++)
        {
            mask[i] = NextFloat() < p ? 0f : keep;
        }
    }

    /// <summary>The top 24 bits of SplitMix64's output for each lane's state.</summary>
    private static Vector512<ulong> Draw24(Vector512<ulong> z)
    {
        z = (z ^ Vector512.ShiftRightLogical(z, 30)) * Mix1;
        z = (z ^ Vector512.ShiftRightLogical(z, 27)) * Mix2;
        return Vector512.ShiftRightLogical(z ^ Vector512.ShiftRightLogical(z, 31), 40);
    }

    /// <summary>Uniform in [0, 1) with 24 bits of precision.</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>Uniform in [0, 1) with 53 bits of precision.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)((NextUInt64() >> 32) * (ulong)maxExclusive >> 32);
    }

    /// <summary>Uniform integer in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int minInclusive, int maxExclusive) => minInclusive + NextInt(maxExclusive - minInclusive);

    /// <summary>Standard normal sample (Box–Muller).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fills <paramref name="values"/> with N(0, std²) samples truncated to ±2 std (BERT-style initialisation).</summary>
    public void FillTruncatedNormal(Span<float> values, float std)
    {
        for (int i = 0; i < values.Length; i++)
        {
            double g;
            do
            {
                g = NextGaussian();
            }
            while (Math.Abs(g) > 2.0);

            values[i] = (float)(g * std);
        }
    }

    /// <summary>Fills <paramref name="values"/> uniformly in [-<paramref name="limit"/>, <paramref name="limit"/>).</summary>
    public void FillUniform(Span<float> values, float limit)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((NextDouble() * 2.0 - 1.0) * limit);
        }
    }
}
