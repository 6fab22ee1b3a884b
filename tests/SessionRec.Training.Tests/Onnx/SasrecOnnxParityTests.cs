using SessionRec.Models.Sasrec;
using SessionRec.Training.Onnx;
using SessionRec.Training.Sasrec;
using SessionRec.Training.Tests.Sasrec;

namespace SessionRec.Training.Tests.Onnx;

/// <summary>ONNX Runtime running the exported graph must reproduce the reference forward pass.</summary>
public class SasrecOnnxParityTests
{
    private const float Tolerance = 1e-4f;
    private const int MaxLen = 7;

    public static TheoryData<int, int, string> Architectures => new()
    {
        { 1, 1, "relu" },
        { 1, 2, "gelu" },
        { 2, 1, "gelu" },
        { 2, 2, "relu" },
        { 2, 2, "gelu" },
    };

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Single_sessions_match_the_reference(int blocks, int heads, string activation)
    {
        var weights = RandomSasrecWeights.Create(Config(blocks, heads, activation), seed: (blocks * 10) + heads);
        var reference = new SasrecReferenceEncoder(weights);
        using var onnx = new OnnxSessionEncoder(SasrecOnnxExporter.ToBytes(weights), weights.Config.ItemCount);
        var rng = new Random(42);

        foreach (int length in new[] { 1, 3, MaxLen, MaxLen + 5 })
        {
            var session = RandomSasrecWeights.Session(rng, length, weights.Config.ItemCount);
            var expected = new float[weights.Config.Dim];
            var actual = new float[weights.Config.Dim];

            reference.Encode(session, expected);
            onnx.Encode(session, actual);

            SasrecReferenceEncoderTests.AssertClose(expected, actual, Tolerance);
        }
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void A_left_padded_batch_of_unequal_sessions_matches_the_reference(int blocks, int heads, string activation)
    {
        var weights = RandomSasrecWeights.Create(Config(blocks, heads, activation), seed: 100 + blocks + heads);
        var reference = new SasrecReferenceEncoder(weights);
        using var onnx = new OnnxSessionEncoder(SasrecOnnxExporter.ToBytes(weights), weights.Config.ItemCount);
        var rng = new Random(7);
        int[][] sessions = [.. new[] { 1, 3, MaxLen, 2, MaxLen + 3, 0 }
            .Select(length => RandomSasrecWeights.Session(rng, length, weights.Config.ItemCount))];

        AssertBatchMatches(reference, onnx, sessions);
    }

    [Fact]
    public void The_default_model_size_matches_the_reference_at_full_length()
    {
        var config = new SasrecConfig { ItemCount = 300, Heads = 2 };
        var weights = RandomSasrecWeights.Create(config, seed: 64);
        var reference = new SasrecReferenceEncoder(weights);
        using var onnx = new OnnxSessionEncoder(SasrecOnnxExporter.ToBytes(weights), config.ItemCount);
        var session = RandomSasrecWeights.Session(new Random(64), config.MaxLen, config.ItemCount);
        var expected = new float[config.Dim];
        var actual = new float[config.Dim];

        reference.Encode(session, expected);
        onnx.Encode(session, actual);

        SasrecReferenceEncoderTests.AssertClose(expected, actual, Tolerance);
    }

    [Fact]
    public void Explicit_left_padding_inside_the_input_matches_the_unpadded_session()
    {
        var weights = RandomSasrecWeights.Create(Config(2, 2, "gelu"), seed: 9);
        using var onnx = new OnnxSessionEncoder(SasrecOnnxExporter.ToBytes(weights), weights.Config.ItemCount);
        var plain = new float[weights.Config.Dim];
        var padded = new float[weights.Config.Dim];

        onnx.Encode([5, 6, 2], plain);
        onnx.Encode([0, 0, 0, 5, 6, 2], padded);

        SasrecReferenceEncoderTests.AssertClose(plain, padded, 1e-5f);
    }

    [Fact]
    public void Concurrent_callers_get_the_same_embeddings_as_sequential_ones()
    {
        var weights = RandomSasrecWeights.Create(Config(2, 2, "gelu"), seed: 11);
        using var onnx = new OnnxSessionEncoder(SasrecOnnxExporter.ToBytes(weights), weights.Config.ItemCount);
        var rng = new Random(3);
        int[][] sessions = [.. Enumerable.Range(0, 64)
            .Select(i => RandomSasrecWeights.Session(rng, 1 + (i % (MaxLen + 2)), weights.Config.ItemCount))];
        int d = weights.Config.Dim;
        var sequential = new float[sessions.Length * d];
        var concurrent = new float[sessions.Length * d];

        for (int s = 0; s < sessions.Length; s++)
        {
            onnx.Encode(sessions[s], sequential.AsSpan(s * d, d));
        }

        Parallel.For(0, sessions.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 },
            s => onnx.Encode(sessions[s], concurrent.AsSpan(s * d, d)));

        Assert.Equal(sequential, concurrent);
    }

    [Fact]
    public void The_model_declares_its_contract()
    {
        var weights = RandomSasrecWeights.Create(Config(1, 1, "relu"), seed: 13);
        using var onnx = new OnnxSessionEncoder(SasrecOnnxExporter.ToBytes(weights), weights.Config.ItemCount);

        Assert.Equal(weights.Config.Dim, onnx.Dimension);
        Assert.Equal(MaxLen, onnx.MaxLen);
    }

    [Theory]
    [InlineData(1, 1, 0.7f, 3)]
    [InlineData(2, 2, 0.4f, 2)]
    [InlineData(1, 1, 1f, 1)]
    public void Blocks_with_the_low_pass_branch_match_the_reference(int blocks, int heads, float alpha, int frequencies)
    {
        var config = Config(blocks, heads, "gelu") with { FilterAlpha = alpha, FilterFrequencies = frequencies };
        var weights = RandomSasrecWeights.Create(config, seed: 300 + blocks + frequencies);
        var reference = new SasrecReferenceEncoder(weights);
        var plain = new SasrecReferenceEncoder(RandomSasrecWeights.Create(config with { FilterAlpha = 0f }, seed: 300 + blocks + frequencies));
        using var onnx = new OnnxSessionEncoder(SasrecOnnxExporter.ToBytes(weights), weights.Config.ItemCount);
        var rng = new Random(9);
        int[][] sessions = [.. new[] { 1, 4, MaxLen, 2, MaxLen + 3 }
            .Select(length => RandomSasrecWeights.Session(rng, length, weights.Config.ItemCount))];
        int d = weights.Config.Dim;
        AssertBatchMatches(reference, onnx, sessions);

        for (int s = 0; s < sessions.Length; s++)
        {
            var expected = new float[d];
            reference.Encode(sessions[s], expected);
            var single = new float[d];
            onnx.Encode(sessions[s], single);
            SasrecReferenceEncoderTests.AssertClose(expected, single, Tolerance);

            // The branch is not a no-op: the same weights without it encode differently.
            var withoutFilter = new float[d];
            plain.Encode(sessions[s], withoutFilter);
            Assert.True(expected.Zip(withoutFilter).Max(p => MathF.Abs(p.First - p.Second)) > 1e-3f);
        }
    }

    private static void AssertBatchMatches(SasrecReferenceEncoder reference, OnnxSessionEncoder onnx, int[][] sessions)
    {
        int d = reference.Dimension;
        var batch = new float[sessions.Length * d];
        onnx.EncodeBatch(sessions, batch);
        for (int s = 0; s < sessions.Length; s++)
        {
            var expected = new float[d];
            reference.Encode(sessions[s], expected);
            SasrecReferenceEncoderTests.AssertClose(expected, batch.AsSpan(s * d, d), Tolerance);
        }
    }

    private static SasrecConfig Config(int blocks, int heads, string activation) => new()
    {
        ItemCount = 30, Dim = 8, Blocks = blocks, Heads = heads, MaxLen = MaxLen, FfnDim = 12, Activation = activation,
    };
}
