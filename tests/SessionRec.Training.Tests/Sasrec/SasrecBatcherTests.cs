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
}
