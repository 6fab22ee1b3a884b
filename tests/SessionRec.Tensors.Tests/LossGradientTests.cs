using SessionRec.Tensors;

namespace SessionRec.Tensors.Tests;

public class LossGradientTests
{
    [Fact]
    public void CrossEntropyThroughScores()
    {
        var rng = new DeterministicRandom(30);
        var h = GradientChecker.Random(rng, 1f, 5, 4);
        var table = GradientChecker.Random(rng, 1f, 9, 4);
        int[] targets = [3, 0, 8, 1, 0];
        GradientChecker.Check(t => t.CrossEntropy(t.MatMul(h, table, transposeB: true), targets, ignoreIndex: 0), [h, table]);
    }

    [Fact]
    public void ScoredCrossEntropyGradients()
    {
        var rng = new DeterministicRandom(34);
        var h = GradientChecker.Random(rng, 1f, 5, 4);
        var table = GradientChecker.Random(rng, 1f, 9, 4);
        int[] targets = [3, 0, 8, 1, 0];
        GradientChecker.Check(t => t.ScoredCrossEntropy(h, table, targets, ignoreIndex: 0), [h, table]);
    }

    [Fact]
    public void ScoredCrossEntropyEqualsMatMulThenCrossEntropy()
    {
        var rng = new DeterministicRandom(35);
        var h = GradientChecker.Random(rng, 1f, 70, 16);
        var table = GradientChecker.Random(rng, 1f, 300, 16);
        var targets = Enumerable.Range(0, 70).Select(i => i % 7 == 0 ? 0 : rng.NextInt(1, 300)).ToArray();

        var fused = new Tape();
        var lossFused = fused.ScoredCrossEntropy(h, table, targets, ignoreIndex: 0);
        fused.Backward(lossFused);
        var gh = h.Grad!.ToArray();
        var ge = table.Grad!.ToArray();
        h.ZeroGrad();
        table.ZeroGrad();

        var plain = new Tape();
        var lossPlain = plain.CrossEntropy(plain.MatMul(h, table, transposeB: true), targets, ignoreIndex: 0);
        plain.Backward(lossPlain);
        Assert.Equal(lossPlain.Item(), lossFused.Item(), 1e-6f);
        for (int i = 0; i < gh.Length; i++)
        {
            Assert.Equal(h.Grad![i], gh[i], 1e-6f);
        }

        for (int i = 0; i < ge.Length; i++)
        {
            Assert.Equal(table.Grad![i], ge[i], 1e-6f);
        }
    }

    [Fact]
    public void ScoredCrossEntropyInBlocksEqualsOneBlockAndScalesWithItsUpstream()
    {
        var rng = new DeterministicRandom(36);
        var h = GradientChecker.Random(rng, 1f, 70, 16);
        var table = GradientChecker.Random(rng, 1f, 300, 16);
        var targets = Enumerable.Range(0, 70).Select(i => i % 7 == 0 ? 0 : rng.NextInt(1, 300)).ToArray();
        (float Loss, float[] H, float[] E) Run(int blockRows)
        {
            var saved = Tape.ScoreBlockRows;
            Tape.ScoreBlockRows = _ => blockRows;
            try
            {
                h.ZeroGrad();
                table.ZeroGrad();
                var tape = new Tape();
                var loss = tape.ScoredCrossEntropy(h, table, targets, ignoreIndex: 0);
                tape.Backward(tape.Scale(loss, 2.5f));
                return (loss.Item(), h.Grad!.ToArray(), table.Grad!.ToArray());
            }
            finally
            {
                Tape.ScoreBlockRows = saved;
            }
        }

        var whole = Run(1000);
        var blocks = Run(8);

        var plain = new Tape();
        h.ZeroGrad();
        table.ZeroGrad();
        plain.Backward(plain.Scale(plain.CrossEntropy(plain.MatMul(h, table, transposeB: true), targets, ignoreIndex: 0), 2.5f));
        foreach (var run in new[] { whole, blocks })
        {
            Assert.Equal(whole.Loss, run.Loss, 1e-6f);
            for (int i = 0; i < run.H.Length; i++)
            {
                Assert.Equal(h.Grad![i], run.H[i], 1e-6f);
            }

            for (int i = 0; i < run.E.Length; i++)
            {
                Assert.Equal(table.Grad![i], run.E[i], 1e-6f);
            }
        }
    }

    [Fact]
    public void ScoredCrossEntropyKeepsOneBlockOfScores()
    {
        var saved = Tape.ScoreBlockRows;
        Tape.ScoreBlockRows = _ => 8;
        try
        {
            var table = Tensor.Constant(new float[12 * 4], 12, 4);
            var tape = new Tape(poolBudgetBytes: 0);
            var h = tape.Constant(new float[100 * 4], 100, 4);
            Assert.Equal(MathF.Log(12f), tape.ScoredCrossEntropy(h, table, Enumerable.Repeat(3, 100).ToArray()).Item(), 1e-5f);
            tape.Reset();
            Assert.Equal(4L * 8 * 12, tape.PooledBytes);
        }
        finally
        {
            Tape.ScoreBlockRows = saved;
        }
    }

    [Fact]
    public void CrossEntropyWithOnlyIgnoredRowsIsZeroWithoutGradient()
    {
        var logits = Tensor.Parameter(new float[6], 2, 3);
        var tape = new Tape();
        var loss = tape.CrossEntropy(logits, [-1, -1]);
        tape.Backward(loss);
        Assert.Equal(0f, loss.Item());
        Assert.True(logits.Grad is null || logits.Grad.All(g => g == 0f));
    }

    [Fact]
    public void RowSampledSoftmaxWithAccidentalHits()
    {
        var rng = new DeterministicRandom(34);
        var h = GradientChecker.Random(rng, 1f, 3, 5);
        var table = GradientChecker.Random(rng, 1f, 9, 5);
        int[] targets = [2, 7, 7];
        // Row 0 meets its target among its negatives, row 2 twice; item 4 is a negative of two rows.
        int[] negatives = [1, 2, 4, 4, 8, 3, 7, 6, 7];
        GradientChecker.Check(t => t.RowSampledSoftmaxLoss(h, table, targets, negatives), [h, table]);
    }

    [Fact]
    public void RowSampledSoftmaxMatchesReference()
    {
        var rng = new DeterministicRandom(35);
        var h = GradientChecker.Random(rng, 1f, 2, 3);
        var table = GradientChecker.Random(rng, 1f, 6, 3);
        int[] targets = [1, 4];
        int[] negatives = [4, 5, 1, 2, 4, 3];
        var loss = Tape.Inference().RowSampledSoftmaxLoss(h, table, targets, negatives);
        double Dot(int row, int item) => Enumerable.Range(0, 3).Sum(c => (double)h.Data[row * 3 + c] * table.Data[item * 3 + c]);
        double total = 0;
        for (int r = 0; r < 2; r++)
        {
            var logits = new List<double> { Dot(r, targets[r]) };
            logits.AddRange(negatives.Skip(r * 3).Take(3).Where(n => n != targets[r]).Select(n => Dot(r, n)));
            total += Math.Log(logits.Sum(Math.Exp)) - logits[0];
        }

        Assert.Equal(total / 2, loss.Item(), 1e-5);
    }

    [Fact]
    public void BinaryCrossEntropyWithOneNegativePerPosition()
    {
        var rng = new DeterministicRandom(33);
        var h = GradientChecker.Random(rng, 1f, 5, 4);
        var table = GradientChecker.Random(rng, 1f, 8, 4);
        int[] positives = [3, 0, 6, 1, 7];
        int[] negatives = [5, 0, 2, 2, 4];
        GradientChecker.Check(t => t.BinaryCrossEntropyLoss(h, table, positives, negatives, ignoreIndex: 0), [h, table]);

        var loss = Tape.Inference().BinaryCrossEntropyLoss(h, table, positives, negatives, ignoreIndex: 0);
        double Dot(int row, int item) => Enumerable.Range(0, 4).Sum(c => (double)h.Data[row * 4 + c] * table.Data[item * 4 + c]);
        double expected = new[] { 0, 2, 3, 4 }.Average(r =>
            -Math.Log(1 / (1 + Math.Exp(-Dot(r, positives[r])))) - Math.Log(1 - 1 / (1 + Math.Exp(-Dot(r, negatives[r])))));
        Assert.Equal(expected, loss.Item(), 1e-5);
    }
}
