using SessionRec.Tensors;
using SessionRec.Training.Sasrec;

namespace SessionRec.Training.Tests.Sasrec;

/// <summary>The training forward without dropout is the exported model: it must equal the reference encoder.</summary>
public class SasrecNetworkParityTests
{
    [Theory]
    [InlineData("gelu", 1)]
    [InlineData("relu", 2)]
    public void Inference_forward_equals_reference_encoder_at_the_last_position(string activation, int heads)
    {
        var config = new SasrecConfig
        {
            ItemCount = 30, Dim = 16, Blocks = 2, Heads = heads, MaxLen = 8, FfnDim = 24, Activation = activation,
        };
        var weights = RandomSasrecWeights.Create(config, seed: 5);
        var reference = new SasrecReferenceEncoder(weights);
        var network = new SasrecNetwork(weights);
        var rng = new Random(3);
        int[][] sessions = [.. new[] { 1, 3, config.MaxLen, 5 }.Select(n => RandomSasrecWeights.Session(rng, n, config.ItemCount))];

        // Alone (no padding) and together (padded to the longest).
        foreach (var group in sessions.Select(s => new[] { s }).Append(sessions))
        {
            var batch = SasrecBatch.Create(group);
            var tape = Tape.Inference();
            var hidden = network.Encode(tape, batch, dropout: 0.5f, new DeterministicRandom(1));
            for (int b = 0; b < group.Length; b++)
            {
                var expected = new float[config.Dim];
                reference.Encode(group[b], expected);
                var actual = hidden.Data.AsSpan(((b * batch.Length) + batch.Length - 1) * config.Dim, config.Dim);
                for (int i = 0; i < config.Dim; i++)
                {
                    Assert.True(MathF.Abs(expected[i] - actual[i]) <= 1e-4f,
                        $"session length {group[b].Length}, feature {i}: {actual[i]} vs {expected[i]}");
                }
            }
        }
    }

    [Fact]
    public void Training_forward_with_dropout_differs_and_inference_ignores_the_random_stream()
    {
        var config = new SasrecConfig { ItemCount = 10, Dim = 8, Blocks = 1, Heads = 1, MaxLen = 5, FfnDim = 8 };
        var network = new SasrecNetwork(RandomSasrecWeights.Create(config, seed: 2));
        var batch = SasrecBatch.Create([[1, 2, 3]]);

        var a = network.Encode(Tape.Inference(), batch, 0.3f, new DeterministicRandom(1)).ToArray();
        var b = network.Encode(Tape.Inference(), batch, 0.3f, new DeterministicRandom(2)).ToArray();
        var c = network.Encode(new Tape(), batch, 0.3f, new DeterministicRandom(1)).ToArray();

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }
}
