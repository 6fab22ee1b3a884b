using SessionRec.Tensors;

namespace SessionRec.Tensors.Tests;

public class OpGradientTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void MatMul(bool ta, bool tb)
    {
        var rng = new DeterministicRandom(1);
        var a = GradientChecker.Random(rng, 1f, ta ? [7, 5] : [5, 7]);
        var b = GradientChecker.Random(rng, 1f, tb ? [3, 7] : [7, 3]);
        GradientChecker.Check(t => t.MatMul(a, b, ta, tb), [a, b]);
    }

    [Theory]
    [InlineData(Activation.None)]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Gelu)]
    public void LinearWithBiasAndActivation(Activation activation)
    {
        var rng = new DeterministicRandom(2);
        var x = GradientChecker.Random(rng, 1f, 2, 3, 6);
        var w = GradientChecker.Random(rng, 0.5f, 6, 4);
        var b = GradientChecker.Random(rng, 0.5f, 4);
        GradientChecker.Check(t => t.Linear(x, w, b, activation), [x, w, b], eps: activation == Activation.Relu ? 1e-3f : 1e-2f);
    }

    [Fact]
    public void LayerNorm()
    {
        var rng = new DeterministicRandom(3);
        var x = GradientChecker.Random(rng, 2f, 6, 8);
        var g = GradientChecker.Random(rng, 1f, 8);
        var b = GradientChecker.Random(rng, 1f, 8);
        GradientChecker.Check(t => t.LayerNorm(x, g, b), [x, g, b]);
    }

    [Fact]
    public void Softmax()
    {
        var rng = new DeterministicRandom(4);
        var x = GradientChecker.Random(rng, 2f, 4, 9);
        GradientChecker.Check(t => t.Softmax(x), [x]);
    }

    [Theory]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Gelu)]
    public void Activations(Activation activation)
    {
        var rng = new DeterministicRandom(5);
        var x = GradientChecker.Random(rng, 3f, 5, 7);
        GradientChecker.Check(t => t.Activate(x, activation), [x], eps: activation == Activation.Relu ? 1e-3f : 1e-2f);
    }

    [Fact]
    public void Dropout()
    {
        var rng = new DeterministicRandom(6);
        var x = GradientChecker.Random(rng, 1f, 6, 10);
        GradientChecker.Check(t => t.Dropout(x, 0.3f, new DeterministicRandom(99)), [x]);
    }

    [Fact]
    public void AddScaleAndRowMask()
    {
        var rng = new DeterministicRandom(7);
        var a = GradientChecker.Random(rng, 1f, 4, 5);
        var b = GradientChecker.Random(rng, 1f, 4, 5);
        float[] mask = [1f, 0f, 1f, 0.5f];
        GradientChecker.Check(t => t.MulRowMask(t.Scale(t.Add(a, t.Scale(b, -2f)), 1.5f), mask), [a, b]);
    }

    [Fact]
    public void ReshapeGatherAndRowDot()
    {
        var rng = new DeterministicRandom(8);
        var a = GradientChecker.Random(rng, 1f, 3, 8);
        var b = GradientChecker.Random(rng, 1f, 4, 4);
        int[] rows = [2, 0, 2, 5];
        GradientChecker.Check(t =>
        {
            var r = t.Reshape(a, 6, 4);
            var gathered = t.GatherRows(r, rows);
            return t.RowDot(gathered, b);
        }, [a, b]);
    }

    /// <summary>
    /// A non-square input applied once: a forward or backward that forgot to transpose (or transposed a square matrix
    /// twice) would put values and gradients in the wrong places.
    /// </summary>
    [Fact]
    public void TransposeOfANonSquareMatrix()
    {
        var rng = new DeterministicRandom(11);
        var x = GradientChecker.Random(rng, 1f, 3, 5);
        var y = new Tape().Transpose(x);
        Assert.Equal([5, 3], y.Shape);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                Assert.Equal(x.Data[(i * 5) + j], y.Data[(j * 3) + i]);
            }
        }

        GradientChecker.Check(t => t.Transpose(x), [x]);
    }

    [Fact]
    public void EmbeddingSkipsPaddingRow()
    {
        var rng = new DeterministicRandom(9);
        var table = GradientChecker.Random(rng, 1f, 5, 4);
        int[] ids = [0, 3, 1, 3, 0, 4];
        GradientChecker.Check(t => t.Embedding(table, ids), [table]);

        var tape = new Tape();
        var y = tape.Embedding(table, ids);
        Assert.All(y.Data.AsSpan(0, 4).ToArray(), v => Assert.Equal(0f, v));
        table.ZeroGrad();
        tape.Backward(tape.RowDot(tape.Reshape(y, 1, y.Length), tape.Constant(Enumerable.Repeat(1f, y.Length).ToArray(), 1, y.Length)));
        Assert.All(table.Grad!.AsSpan(0, 4).ToArray(), v => Assert.Equal(0f, v));
        Assert.All(table.Grad!.AsSpan(12, 4).ToArray(), v => Assert.Equal(2f, v));
        Assert.All(table.Grad!.AsSpan(8, 4).ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void EmbeddingWithoutPaddingIndexTrainsRowZero()
    {
        var rng = new DeterministicRandom(10);
        var table = GradientChecker.Random(rng, 1f, 3, 2);
        GradientChecker.Check(t => t.Embedding(table, [0, 2, 0], paddingIndex: -1), [table]);
    }

    [Fact]
    public void DropoutIsIdentityOutsideTrainingAndScalesKeptValues()
    {
        var x = Tensor.Constant(Enumerable.Repeat(1f, 10_000).ToArray(), 100, 100);
        var inference = Tape.Inference();
        Assert.Same(x, inference.Dropout(x, 0.5f, new DeterministicRandom(1)));

        var tape = new Tape();
        var y = tape.Dropout(x, 0.25f, new DeterministicRandom(1));
        int zeros = y.Data.Count(v => v == 0f);
        Assert.InRange(zeros, 2200, 2800);
        Assert.All(y.Data.Where(v => v != 0f), v => Assert.Equal(1f / 0.75f, v, 6));
        var again = new Tape().Dropout(x, 0.25f, new DeterministicRandom(1));
        Assert.Equal(y.Data, again.Data);
    }
}
