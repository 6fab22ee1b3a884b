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

    [Fact]
    public void Prefix_examples_put_each_target_at_the_end_of_its_own_window()
    {
        var batcher = new SasrecBatcher([[1, 2, 3, 4], [7, 8]], maxLen: 2, batchSize: 8, prefixes: true);

        Assert.Equal(4, batcher.Examples);
        Assert.Equal(4, batcher.Positions);
        var batch = batcher.Batch([0, 1, 2, 3]);

        Assert.Equal(2, batch.Length);
        // [1]→2, [1,2]→3, [2,3]→4 (the window keeps the newest maxLen items), [7]→8; loss only at each window's end.
        Assert.Equal([0, 1, 1, 2, 2, 3, 0, 7], batch.Items);
        Assert.Equal([0, 2, 0, 3, 0, 4, 0, 8], batch.Targets);
        Assert.Equal([1, 3, 5, 7], batch.LossRows());
    }
}
