using SessionRec.Tensors;
using SessionRec.Training.Sasrec;

namespace SessionRec.Training.Tests.Sasrec;

/// <summary>
/// Batches group histories of like length, so one batch holds a few target positions and the next many: every
/// position must weigh the same in an epoch whichever batch it falls in, as if all were in one batch.
/// </summary>
public class SasrecLossWeightingTests
{
    private static readonly SasrecConfig Config = new()
    {
        ItemCount = 9, Dim = 4, Blocks = 1, Heads = 2, MaxLen = 12, FfnDim = 6, Activation = "gelu",
    };

    // Full cross-entropy: the sampled losses draw their negatives in batch order, so split and joined batches would
    // not see the same ones.
    [Fact]
    public void An_epoch_of_unequal_batches_averages_over_positions_not_batches()
    {
        const SasrecLoss loss = SasrecLoss.CrossEntropy;
        int[][] sequences = [[3, 7], [1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2]];
        var batcher = new SasrecBatcher(sequences, maxLen: Config.MaxLen, batchSize: 1);
        var network = new SasrecNetwork(RandomSasrecWeights.Create(Config, seed: 5));
        Assert.Equal(11, batcher.Positions);
        Assert.Equal(5.5, batcher.PositionsPerBatch, 12);

        double epoch = 0;
        for (int example = 0; example < 2; example++)
        {
            epoch += Loss(network, batcher.Batch([example]), loss, batcher.PositionsPerBatch) / 2;
        }

        double together = Loss(network, batcher.Batch([0, 1]), loss, positionsPerBatch: null);
        double perBatchMeans = (Loss(network, batcher.Batch([0]), loss, null) + Loss(network, batcher.Batch([1]), loss, null)) / 2;
        Assert.Equal(together, epoch, 5);
        // The per-batch mean this replaced gives the one position of the short history ten times the weight.
        Assert.NotEqual(Math.Round(together, 5), Math.Round(perBatchMeans, 5));
    }

    // Inference mode: no dropout.
    private static double Loss(SasrecNetwork network, SasrecBatch batch, SasrecLoss loss, double? positionsPerBatch)
    {
        var tape = new Tape(recording: false, training: false);
        var hidden = network.Encode(tape, batch, dropout: 0f, new DeterministicRandom(1));
        return SasrecObjective.Loss(tape, network, hidden, batch, loss, negatives: 1, new DeterministicRandom(9), positionsPerBatch).Item();
    }
}
