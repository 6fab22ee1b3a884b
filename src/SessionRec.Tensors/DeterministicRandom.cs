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

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
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
