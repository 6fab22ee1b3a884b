using SessionRec.Training.Sasrec;


namespace SessionRec.Training.Tests.Sasrec;

public class SasrecReferenceEncoderTests
{
    private static readonly SasrecConfig SmallConfig = new()
    {
        ItemCount = 20, Dim = 8, Blocks = 2, Heads = 2, MaxLen = 6, FfnDim = 12, Activation = "gelu",
    };

    [Fact]
    public void Two_dimensional_single_block_case_matches_hand_computation()
    {
        var config = new SasrecConfig
        {
            ItemCount = 2, Dim = 2, Blocks = 1, Heads = 1, MaxLen = 4, FfnDim = 2, Activation = "relu",
        };
        var w = new SasrecWeights(config);
        float invSqrt2 = 1f / MathF.Sqrt(2f);
        w.ItemEmbedding[2] = invSqrt2; // item 1 -> (1, 0) after the √d scale
        w.ItemEmbedding[5] = invSqrt2; // item 2 -> (0, 1)
        w.PositionEmbedding[0] = 0.5f; // the newest position
        var block = w.Blocks[0];
        foreach (var identity in new[] { block.Wq, block.Wk, block.Wv, block.Wo, block.W1 })
        {
            identity[0] = 1f;
            identity[3] = 1f;
        }

        block.W2[0] = 2f;
        block.W2[3] = 3f;
        block.B2[0] = 0.1f;
        block.B2[1] = -0.2f;
        w.FinalNormGamma[1] = 2f;
        w.FinalNormBeta[1] = 0.5f;

        var actual = new float[2];
        new SasrecReferenceEncoder(w).Encode([1, 2], actual);

        // In two dimensions layer norm maps (a, b) to ±(a − b)/2 / √((a − b)²/4 + ε) · (1, −1).
        const double eps = 1e-5;
        static (double, double) Norm((double A, double B) v)
        {
            double half = (v.A - v.B) / 2;
            double n = half / Math.Sqrt((half * half) + eps);
            return (n, -n);
        }

        var x0 = (1.0, 0.0);            // item 1, one step back, no position offset
        var x1 = (0.5, 1.0);            // item 2 plus position 0's (0.5, 0)
        var k0 = Norm(x0);              // Q, K, V are identities of the normed input
        var q1 = Norm(x1);
        double s0 = ((q1.Item1 * k0.Item1) + (q1.Item2 * k0.Item2)) / Math.Sqrt(2);
        double s1 = ((q1.Item1 * q1.Item1) + (q1.Item2 * q1.Item2)) / Math.Sqrt(2);
        double p0 = Math.Exp(s0) / (Math.Exp(s0) + Math.Exp(s1));
        double p1 = 1 - p0;
        var attended = (x1.Item1 + (p0 * k0.Item1) + (p1 * q1.Item1), x1.Item2 + (p0 * k0.Item2) + (p1 * q1.Item2));
        var hidden = Norm(attended);
        var ffnOut = (
            attended.Item1 + (2 * Math.Max(hidden.Item1, 0)) + 0.1,
            attended.Item2 + (3 * Math.Max(hidden.Item2, 0)) - 0.2);
        var final = Norm(ffnOut);

        Assert.Equal(final.Item1, actual[0], 1e-5);
        Assert.Equal((2 * final.Item2) + 0.5, actual[1], 1e-5);
    }

    [Fact]
    public void Left_padding_does_not_change_the_embedding()
    {
        var encoder = new SasrecReferenceEncoder(RandomSasrecWeights.Create(SmallConfig, seed: 1));
        var plain = new float[SmallConfig.Dim];
        var padded = new float[SmallConfig.Dim];

        encoder.Encode([3, 7, 11], plain);
        encoder.Encode([0, 0, 3, 7, 11], padded);

        AssertClose(plain, padded, 1e-6f);
    }

    [Fact]
    public void Sessions_longer_than_max_len_keep_the_newest_items()
    {
        var encoder = new SasrecReferenceEncoder(RandomSasrecWeights.Create(SmallConfig, seed: 2));
        int[] longSession = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        var full = new float[SmallConfig.Dim];
        var window = new float[SmallConfig.Dim];

        encoder.Encode(longSession, full);
        encoder.Encode(longSession.AsSpan(^SmallConfig.MaxLen..), window);

        AssertClose(window, full, 0f);
    }

    [Fact]
    public void Older_items_and_positions_influence_the_embedding()
    {
        var encoder = new SasrecReferenceEncoder(RandomSasrecWeights.Create(SmallConfig, seed: 3));
        var a = new float[SmallConfig.Dim];
        var b = new float[SmallConfig.Dim];
        var c = new float[SmallConfig.Dim];

        encoder.Encode([4, 9], a);
        encoder.Encode([5, 9], b);
        encoder.Encode([9, 4], c);

        Assert.True(MaxAbsDifference(a, b) > 1e-3f, "the older item must matter");
        Assert.True(MaxAbsDifference(a, c) > 1e-3f, "order must matter");
    }

    [Fact]
    public void Empty_session_encodes_as_the_final_norm_bias()
    {
        var weights = RandomSasrecWeights.Create(SmallConfig, seed: 4);
        var actual = new float[SmallConfig.Dim];

        new SasrecReferenceEncoder(weights).Encode([], actual);

        AssertClose(weights.FinalNormBeta, actual, 0f);
    }

    [Fact]
    public void Out_of_range_items_are_rejected()
    {
        var encoder = new SasrecReferenceEncoder(RandomSasrecWeights.Create(SmallConfig, seed: 5));
        var destination = new float[SmallConfig.Dim];

        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Encode([1, SmallConfig.ItemCount + 1], destination));
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Encode([-1], destination));
    }

    internal static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.False(float.IsNaN(actual[i]), $"NaN at {i}");
            Assert.True(
                MathF.Abs(expected[i] - actual[i]) <= tolerance,
                $"Element {i}: expected {expected[i]}, actual {actual[i]}, tolerance {tolerance}");
        }
    }

    private static float MaxAbsDifference(float[] a, float[] b) => a.Zip(b, (x, y) => MathF.Abs(x - y)).Max();
}
