using SessionRec.Training.Sasrec;

namespace SessionRec.Training.Tests.Sasrec;

/// <summary>Repeat clicks are a third of next clicks in session logs: SASRec must be trained on them.</summary>
public class SasrecBatcherTests
{
    [Fact]
    public void Consecutive_repeats_are_inputs_and_targets_with_loss_taken_on_them()
    {
        var batcher = new SasrecBatcher([[5, 5, 7, 5, 5]], maxLen: 10, batchSize: 4);

        var batch = batcher.Batch([0]);

        Assert.Equal([5, 5, 7, 5], batch.Items);
        Assert.Equal([5, 7, 5, 5], batch.Targets);
        Assert.Equal([0, 1, 2, 3], batch.LossRows());
        Assert.Equal(4, batcher.Positions);
    }

    [Theory]
    [InlineData(1, 50, 1)]
    [InlineData(8, 50, 8)]
    [InlineData(9, 50, 16)]
    [InlineData(17, 50, 24)]
    [InlineData(49, 50, 50)]
    [InlineData(50, 50, 50)]
    [InlineData(12, 10, 12)]
    public void Batch_lengths_round_up_to_recurring_sizes_within_the_maximum(int longest, int maxLen, int expected) =>
        Assert.Equal(expected, SasrecBatcher.PaddedLength(longest, maxLen));

    [Fact]
    public void Rounded_up_batches_are_left_padded_and_take_the_loss_at_the_same_items()
    {
        var sequence = Enumerable.Range(1, 11).ToArray();
        var batcher = new SasrecBatcher([sequence, [3, 4, 5]], maxLen: 50, batchSize: 2);

        var batch = batcher.Batch([0, 1]);

        Assert.Equal(16, batch.Length);
        Assert.Equal([.. new int[6], .. sequence[..^1]], batch.Items.AsSpan(0, 16).ToArray());
        Assert.Equal([.. new int[6], .. sequence[1..]], batch.Targets.AsSpan(0, 16).ToArray());
        Assert.Equal([.. new int[14], 3, 4], batch.Items.AsSpan(16, 16).ToArray());
        Assert.Equal(10 + 2, batch.LossRows().Length);
    }
}
