using SessionRec.Tensors;

namespace SessionRec.Tensors.Tests;

public class GemmTests
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 1, 7, 33 }, { 7, 1, 65 }, { 33, 65, 7 }, { 65, 33, 130 }, { 130, 7, 33 },
        { 6, 32, 256 }, { 13, 97, 300 }, { 200, 130, 65 }, { 7, 600, 1 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AllTransposeFormsMatchNaiveOnBothKernelPaths(int m, int n, int k)
    {
        foreach (bool force256 in new[] { false, true })
        {
            foreach (int threads in new[] { 1, 2 })
            {
                foreach (var (ta, tb) in new[] { (false, false), (false, true), (true, false), (true, true) })
                {
                    using var _ = new EngineSettings(threads, force256);
                    CheckAgainstNaive(ta, tb, m, n, k, accumulate: false);
                    CheckAgainstNaive(ta, tb, m, n, k, accumulate: true);
                }
            }
        }
    }

    [Theory]
    [InlineData(64, 64, 2560)] // weight gradient: K split across threads
    [InlineData(37, 19, 3000)] // ragged K split
    [InlineData(700, 64, 300)] // wide transposed A, narrow C: computed as the transposed product
    [InlineData(600, 300, 40)] // wide transposed A, wide C: A packed
    [InlineData(5, 4000, 128)] // too few rows: split by columns
    [InlineData(250, 40, 300)] // row split with a ragged B panel read in place
    public void ParallelModesMatchNaive(int m, int n, int k)
    {
        foreach (bool force256 in new[] { false, true })
        {
            using var _ = new EngineSettings(2, force256);
            CheckAgainstNaive(true, false, m, n, k, accumulate: false);
            CheckAgainstNaive(true, false, m, n, k, accumulate: true);
            CheckAgainstNaive(false, false, m, n, k, accumulate: true);
            CheckAgainstNaive(false, true, m, n, k, accumulate: false);
        }
    }

    [Fact]
    public void SplitKIsBitIdenticalAcrossRuns()
    {
        using var _ = new EngineSettings(2, force256: false);
        var rng = new DeterministicRandom(3);
        var a = new float[4096 * 32];
        var b = new float[4096 * 48];
        rng.FillUniform(a, 1f);
        rng.FillUniform(b, 1f);
        var c1 = new float[32 * 48];
        var c2 = new float[32 * 48];
        Gemm.Multiply(true, false, 32, 48, 4096, a, b, c1);
        Gemm.Multiply(true, false, 32, 48, 4096, a, b, c2);
        Assert.Equal(c1, c2);
    }

    [Fact]
    public void RejectsShortSpans()
    {
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 2, 2, 2, new float[3], new float[4], new float[4]));
    }

    private static void CheckAgainstNaive(bool ta, bool tb, int m, int n, int k, bool accumulate)
    {
        var rng = new DeterministicRandom((ulong)(m * 1_000_003 + n * 1009 + k) ^ (ta ? 1UL : 0) ^ (tb ? 2UL : 0));
        var a = new float[m * k];
        var b = new float[k * n];
        var c = new float[m * n];
        rng.FillUniform(a, 1f);
        rng.FillUniform(b, 1f);
        rng.FillUniform(c, 1f);
        var expected = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = accumulate ? c[i * n + j] : 0;
                for (int p = 0; p < k; p++)
                {
                    double av = ta ? a[p * m + i] : a[i * k + p];
                    double bv = tb ? b[j * k + p] : b[p * n + j];
                    s += av * bv;
                }

                expected[i * n + j] = s;
            }
        }

        Gemm.Multiply(ta, tb, m, n, k, a, b, c, accumulate);
        double tol = 1e-5 * Math.Sqrt(k + 1) * 4;
        for (int i = 0; i < c.Length; i++)
        {
            Assert.True(Math.Abs(c[i] - expected[i]) <= tol, $"[{m}x{n}x{k}] ta={ta} tb={tb} acc={accumulate}: c[{i}]={c[i]} expected {expected[i]}");
        }
    }
}
