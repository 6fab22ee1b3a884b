using SessionRec.Tensors;
using SessionRec.Training.Sasrec;

namespace SessionRec.Training.Tests.Sasrec;

/// <summary>The whole model's gradient against central differences, for each loss, on a tiny model.</summary>
public class SasrecGradientTests
{
    private static readonly SasrecConfig Config = new()
    {
        ItemCount = 6, Dim = 4, Blocks = 1, Heads = 2, MaxLen = 4, FfnDim = 6, Activation = "gelu",
    };

    // Two sequences, the first left-padded, so masks and padding rows are exercised.
    private static readonly SasrecBatch Batch = SasrecBatch.Create([[2, 5], [1, 3, 6, 4]], [[5, 3], [3, 6, 4, 2]]);

    [Theory]
    [InlineData(SasrecLoss.CrossEntropy)]
    [InlineData(SasrecLoss.SampledSoftmax)]
    [InlineData(SasrecLoss.BinaryCrossEntropy)]
    public void Analytic_gradient_matches_finite_differences(SasrecLoss loss)
    {
        var network = new SasrecNetwork(RandomSasrecWeights.Create(Config, seed: 11));
        var tape = new Tape();
        tape.Backward(Loss(tape, network, loss));
        network.ClearPaddingGradient();

        var rng = new Random(4);
        int checkedCount = 0;
        foreach (var (parameter, _) in network.Parameters)
        {
            var grad = parameter.Grad ?? new float[parameter.Length];
            // Row 0 of the item table is padding: its gradient is dropped on purpose.
            int first = ReferenceEquals(parameter, network.ItemEmbedding) ? Config.Dim : 0;
            for (int probe = 0; probe < 3; probe++)
            {
                int i = rng.Next(first, parameter.Length);
                double numeric = Numeric(network, parameter.Data, i, loss);
                double tolerance = 2e-3 + (2e-2 * Math.Abs(numeric));
                Assert.True(Math.Abs(grad[i] - numeric) <= tolerance,
                    $"{loss}: parameter of shape [{string.Join(", ", parameter.Shape)}] index {i}: analytic {grad[i]}, numeric {numeric}");
                checkedCount++;
            }
        }

        Assert.Equal(network.Parameters.Count * 3, checkedCount);
    }

    private static double Numeric(SasrecNetwork network, float[] data, int i, SasrecLoss loss)
    {
        const float h = 5e-3f;
        float saved = data[i];
        data[i] = saved + h;
        double plus = Loss(new Tape(recording: false, training: false), network, loss).Item();
        data[i] = saved - h;
        double minus = Loss(new Tape(recording: false, training: false), network, loss).Item();
        data[i] = saved;
        return (plus - minus) / (2 * h);
    }

    // The negatives come from a fresh generator with a fixed seed, so every evaluation draws the same ones.
    private static Tensor Loss(Tape tape, SasrecNetwork network, SasrecLoss loss)
    {
        var hidden = network.Encode(tape, Batch, dropout: 0f, new DeterministicRandom(1));
        return SasrecObjective.Loss(tape, network, hidden, Batch, loss, negatives: 3, new DeterministicRandom(9));
    }
}
