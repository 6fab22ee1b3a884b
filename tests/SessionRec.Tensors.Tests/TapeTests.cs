using SessionRec.Tensors;

namespace SessionRec.Tensors.Tests;

public class TapeTests
{
    [Fact]
    public void InferenceRecordsNothingAndRefusesBackward()
    {
        var w = Tensor.Parameter([1f, 2f, 3f, 4f], 2, 2);
        var tape = Tape.Inference();
        var y = tape.MatMul(Tensor.Constant([1f, 1f], 1, 2), w);
        Assert.Equal(0, tape.NodeCount);
        Assert.False(y.RequiresGrad);
        Assert.Equal([4f, 6f], y.Data);
        Assert.Throws<InvalidOperationException>(() => tape.Backward(tape.RowDot(y, y)));
    }

    [Fact]
    public void GradientsAccumulateAcrossBackwardCalls()
    {
        var w = Tensor.Parameter([2f], 1, 1);
        var x = Tensor.Constant([3f], 1, 1);
        for (int i = 0; i < 2; i++)
        {
            var tape = new Tape();
            tape.Backward(tape.Reshape(tape.MatMul(x, w), 1));
        }

        Assert.Equal(6f, w.Grad![0]);
    }

    [Fact]
    public void ResetRecyclesArraysForTheNextBatch()
    {
        var w = Tensor.Parameter([1f, 2f, 3f, 4f], 2, 2);
        var tape = new Tape();
        var first = tape.MatMul(Tensor.Constant([1f, 0f], 1, 2), w);
        var firstData = first.Data;
        tape.Backward(tape.RowDot(first, first));
        tape.Reset();
        Assert.Equal(0, tape.NodeCount);
        var second = tape.MatMul(Tensor.Constant([0f, 1f], 1, 2), w);
        Assert.Same(firstData, second.Data);
        Assert.Equal([3f, 4f], second.Data);
        Assert.Null(second.Grad);
    }

    [Fact]
    public void AShapeThatRecursAfterOtherBatchesReusesItsArray()
    {
        var tape = new Tape();
        var first = tape.Zeros(3, 4).Data;
        first[0] = 7f;
        tape.Reset();
        _ = tape.Zeros(5, 4);
        tape.Reset();
        var again = tape.Zeros(3, 4).Data;
        Assert.Same(first, again);
        Assert.Equal(0f, again[0]);
    }

    [Fact]
    public void BeyondItsBudgetThePoolDropsTheShapesUsedLongestAgo()
    {
        var tape = new Tape(poolBudgetBytes: 4 * 30);
        var old = tape.Zeros(20).Data;
        tape.Reset();
        var recent = tape.Zeros(25).Data;
        tape.Reset();
        Assert.Equal(4 * 25, tape.PooledBytes);
        Assert.NotSame(old, tape.Zeros(20).Data);
        Assert.Same(recent, tape.Zeros(25).Data);
    }

    [Fact]
    public void ScoresOfDifferentRowCountsShareOneArrayBySizeClass()
    {
        Assert.Equal(64, TensorPool.SizeClass(64));
        Assert.Equal(1152, TensorPool.SizeClass(1100));
        Assert.Equal(1152, TensorPool.SizeClass(1152));
        Assert.Equal(1280, TensorPool.SizeClass(1153));
        for (int n = 65; n < 100_000; n += 97)
        {
            int c = TensorPool.SizeClass(n);
            Assert.InRange(c, n, n + (n / 8) + 1);
        }

        // Two batches with 100 and 104 scored rows of 12 items: the second reuses the first one's scores.
        var rng = new DeterministicRandom(3);
        var table = Tensor.Constant(new float[12 * 4], 12, 4);
        rng.FillUniform(table.Data, 1f);
        var tape = new Tape();
        float FirstLoss(int rows)
        {
            var h = tape.Constant(new float[rows * 4], rows, 4);
            return tape.ScoredCrossEntropy(h, table, Enumerable.Repeat(3, rows).ToArray()).Item();
        }

        float a = FirstLoss(100);
        tape.Reset();
        long pooled = tape.PooledBytes;
        float b = FirstLoss(104);
        Assert.True(tape.PooledBytes < pooled, "the second batch took its scores from the pool");
        Assert.Equal(MathF.Log(12f), a, 1e-5f);
        Assert.Equal(MathF.Log(12f), b, 1e-5f);
    }

    [Fact]
    public void ScoresAreKeptByCapacityBeyondTheBudgetSoLargerBatchesServeSmallerOnes()
    {
        var table = Tensor.Constant(new float[12 * 4], 12, 4);
        var tape = new Tape(poolBudgetBytes: 0);
        float Loss(int rows)
        {
            var h = tape.Constant(new float[rows * 4], rows, 4);
            return tape.ScoredCrossEntropy(h, table, Enumerable.Repeat(3, rows).ToArray()).Item();
        }

        Loss(1000);
        tape.Reset();
        long kept = tape.PooledBytes;
        Assert.InRange(kept, 4L * 1000 * 12, 4L * 1000 * 12 * 9 / 8 + 4);

        // A smaller batch takes the kept scores (nothing stays pooled while it runs) and gives them back.
        Assert.Equal(MathF.Log(12f), Loss(200), 1e-5f);
        Assert.Equal(0, tape.PooledBytes);
        tape.Reset();
        Assert.Equal(kept, tape.PooledBytes);

        // A larger batch needs a larger array; afterwards only the larger one is kept.
        Loss(3000);
        tape.Reset();
        Assert.InRange(tape.PooledBytes, 4L * 3000 * 12, 4L * 3000 * 12 * 9 / 8 + 4);
    }

    [Fact]
    public void BranchesThatDoNotReachTheLossAreSkipped()
    {
        var w = Tensor.Parameter([1f, 1f], 1, 2);
        var tape = new Tape();
        _ = tape.Scale(w, 5f);
        var used = tape.Scale(w, 2f);
        tape.Backward(tape.RowDot(used, tape.Constant([1f, 1f], 1, 2)));
        Assert.Equal([2f, 2f], w.Grad!);
    }

    [Fact]
    public void UniformNegativesStayInRangeAndRepeatForASeed()
    {
        var a = NegativeSampler.Uniform(new DeterministicRandom(4), 500, 1, 13);
        var b = NegativeSampler.Uniform(new DeterministicRandom(4), 500, 1, 13);
        Assert.Equal(a, b);
        Assert.All(a, id => Assert.InRange(id, 1, 12));
        Assert.Equal(12, a.Distinct().Count());
    }

    [Fact]
    public void ShapeMismatchesAreRejected()
    {
        var tape = new Tape();
        var a = Tensor.Constant(new float[6], 2, 3);
        var b = Tensor.Constant(new float[6], 3, 2);
        Assert.Throws<ArgumentException>(() => tape.Add(a, b));
        Assert.Throws<ArgumentException>(() => tape.MatMul(a, a));
        Assert.Throws<ArgumentOutOfRangeException>(() => tape.Embedding(b, [3]));
        Assert.Throws<ArgumentException>(() => Tensor.Parameter(new float[5], 2, 3));
    }
}
