using SessionRec.Tensors;

namespace SessionRec.Training.Sasrec;

/// <summary>The three SASRec losses on the hidden states of a batch, taken only where there is an item and a target.</summary>
public static class SasrecObjective
{
    /// <param name="hidden">[Size·Length, Dim] from <see cref="SasrecNetwork.Encode"/>.</param>
    /// <param name="random">Draws the negatives of the sampled losses.</param>
    /// <param name="positionsPerBatch">
    /// The mean number of target positions per batch over an epoch (<see cref="SasrecBatcher.PositionsPerBatch"/>);
    /// the loss is the batch's sum over its positions divided by it, so every position weighs the same whichever
    /// batch it falls in. Null: the batch's own mean.
    /// </param>
    public static Tensor Loss(Tape tape, SasrecNetwork network, Tensor hidden, SasrecBatch batch,
        SasrecLoss loss, int negatives, DeterministicRandom random, double? positionsPerBatch = null)
    {
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(random);
        var rows = batch.LossRows();
        var targets = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            targets[i] = batch.Targets[rows[i]];
        }

        // Compacting first keeps padding out of the catalog-sized products.
        var h = tape.GatherRows(hidden, rows);
        int itemCount = network.Config.ItemCount;
        var mean = loss switch
        {
            SasrecLoss.CrossEntropy => tape.ScoredCrossEntropy(h, network.ItemEmbedding, targets),
            // Uniform, so no log-Q correction; drawn per position, not one set shared by the batch: shared sets
            // overfit early on amazon-beauty (docs/tune/amazon-beauty-sasrec.md).
            SasrecLoss.SampledSoftmax => tape.RowSampledSoftmaxLoss(
                h, network.ItemEmbedding, targets, NegativeSampler.Uniform(random, rows.Length * negatives, 1, itemCount + 1)),
            SasrecLoss.BinaryCrossEntropy => tape.BinaryCrossEntropyLoss(
                h, network.ItemEmbedding, targets, PositionNegatives(batch, rows, itemCount, random)),
            _ => throw new ArgumentOutOfRangeException(nameof(loss)),
        };

        // Batches group histories of like length, so their position counts differ up to the window's length (50×):
        // a per-batch mean gave each position of a short history many times the weight of one in a long history,
        // and cost amazon-beauty about a tenth of its validation NDCG@10 (docs/tune/amazon-beauty-sasrec.md).
        return positionsPerBatch is { } perBatch ? tape.Scale(mean, (float)(rows.Length / perBatch)) : mean;
    }

    // The paper draws each negative from the items the user never interacted with; a few redraws approximate that
    // without building a set per user.
    private static int[] PositionNegatives(SasrecBatch batch, int[] rows, int itemCount, DeterministicRandom random)
    {
        const int Redraws = 8;
        var ids = new int[rows.Length];
        int t = batch.Length;
        for (int i = 0; i < rows.Length; i++)
        {
            int r = rows[i];
            var history = batch.Items.AsSpan(r - (r % t), t);
            int target = batch.Targets[r];
            int candidate = 1 + random.NextInt(itemCount);
            for (int attempt = 0; attempt < Redraws && itemCount > 1
                && (candidate == target || history.Contains(candidate)); attempt++)
            {
                candidate = 1 + random.NextInt(itemCount);
            }

            ids[i] = candidate;
        }

        return ids;
    }
}
