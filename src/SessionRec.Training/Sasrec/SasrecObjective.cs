using SessionRec.Tensors;

namespace SessionRec.Training.Sasrec;

/// <summary>The three SASRec losses on the hidden states of a batch, taken only where there is an item and a target.</summary>
public static class SasrecObjective
{
    /// <param name="hidden">[Size·Length, Dim] from <see cref="SasrecNetwork.Encode"/>.</param>
    /// <param name="random">Draws the negatives of the sampled losses.</param>
    public static Tensor Loss(Tape tape, SasrecNetwork network, Tensor hidden, SasrecBatch batch,
        SasrecLoss loss, int negatives, DeterministicRandom random)
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
        return loss switch
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
