using System.Runtime.Intrinsics;
using SessionRec.Tensors;

namespace SessionRec.Tensors.Tests;

/// <summary>Forward results against straightforward double-precision references.</summary>
public class ForwardValueTests
{
    [Theory]
    [InlineData(0f, 0f)]
    [InlineData(1f, 0.8413447460685429f)]
    [InlineData(-1f, -0.15865525393145707f)]
    [InlineData(2.5f, 2.4844723313003535f)]
    [InlineData(-3f, -0.0040496977370138f)]
    public void GeluIsTheErfForm(float x, float expected)
    {
        var y = Tape.Inference().Gelu(Tensor.Constant([x], 1));
        Assert.Equal(expected, y.Data[0], 5e-6f);
    }

    [Fact]
    public void VectorisedGeluMatchesDoubleReferenceOverItsRange()
    {
        var xs = Enumerable.Range(0, 1001).Select(i => -6f + 12f * i / 1000).ToArray();
        var tape = new Tape();
        var x = Tensor.Parameter(xs, xs.Length);
        var y = tape.Gelu(x);
        tape.Backward(tape.RowDot(tape.Reshape(y, 1, xs.Length), tape.Constant(Enumerable.Repeat(1f, xs.Length).ToArray(), 1, xs.Length)));
        for (int i = 0; i < xs.Length; i++)
        {
            double cdf = NormalCdf(xs[i]);
            Assert.Equal(xs[i] * cdf, y.Data[i], 2e-6);
            Assert.Equal(cdf + xs[i] * Math.Exp(-0.5 * xs[i] * xs[i]) / Math.Sqrt(2 * Math.PI), x.Grad![i], 2e-6);
        }
    }

    /// <summary>Φ(x) by Simpson's rule on the normal density (the runtime has no erf).</summary>
    private static double NormalCdf(double x)
    {
        const int n = 4000;
        double a = Math.Abs(x), h = a / n, sum = 0;
        for (int i = 0; i <= n; i++)
        {
            double w = i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2;
            sum += w * Math.Exp(-0.5 * (i * h) * (i * h));
        }

        double half = sum * h / 3 / Math.Sqrt(2 * Math.PI);
        return x >= 0 ? 0.5 + half : 0.5 - half;
    }

    [Fact]
    public void FastExpIsAccurateOnBothVectorWidths()
    {
        for (float x = -86f; x <= 80f; x += 0.37f)
        {
            double expected = Math.Exp(x);
            float wide = SoftmaxMath.FastExp(System.Runtime.Intrinsics.Vector512.Create(x)).ToScalar();
            float narrow = SoftmaxMath.FastExp(System.Runtime.Intrinsics.Vector256.Create(x)).ToScalar();
            Assert.True(Math.Abs(wide - expected) <= 4e-7 * expected, $"exp({x}) = {wide}, expected {expected}");
            Assert.True(Math.Abs(narrow - expected) <= 4e-7 * expected, $"exp({x}) = {narrow}, expected {expected}");
        }

        Assert.True(SoftmaxMath.FastExp(System.Runtime.Intrinsics.Vector512.Create(-1000f)).ToScalar() < 1e-37f);
    }

    [Fact]
    public void LayerNormMatchesReference()
    {
        var rng = new DeterministicRandom(11);
        var x = GradientChecker.Random(rng, 3f, 3, 16);
        var g = GradientChecker.Random(rng, 1f, 16);
        var b = GradientChecker.Random(rng, 1f, 16);
        var y = Tape.Inference().LayerNorm(x, g, b, 1e-5f);
        for (int r = 0; r < 3; r++)
        {
            var row = x.Data.Skip(r * 16).Take(16).Select(v => (double)v).ToArray();
            double mean = row.Average();
            double var = row.Select(v => (v - mean) * (v - mean)).Average();
            for (int i = 0; i < 16; i++)
            {
                double expected = (row[i] - mean) / Math.Sqrt(var + 1e-5) * g.Data[i] + b.Data[i];
                Assert.Equal(expected, y.Data[r * 16 + i], 1e-5);
            }
        }
    }

    [Fact]
    public void CrossEntropyMatchesReferenceAndIgnoresRows()
    {
        var rng = new DeterministicRandom(12);
        var logits = GradientChecker.Random(rng, 4f, 4, 11);
        int[] targets = [3, -1, 10, 0];
        var loss = Tape.Inference().CrossEntropy(logits, targets);
        double total = 0;
        foreach (int r in new[] { 0, 2, 3 })
        {
            var row = logits.Data.Skip(r * 11).Take(11).Select(v => (double)v).ToArray();
            total += Math.Log(row.Sum(Math.Exp)) - row[targets[r]];
        }

        Assert.Equal(total / 3, loss.Item(), 1e-5);
    }

    [Fact]
    public void AttentionMatchesReferenceWithLeftPadding()
    {
        const int batch = 2, t = 5, d = 6, heads = 2, dh = 3;
        var rng = new DeterministicRandom(13);
        var q = GradientChecker.Random(rng, 1f, batch * t, d);
        var k = GradientChecker.Random(rng, 1f, batch * t, d);
        var v = GradientChecker.Random(rng, 1f, batch * t, d);
        float[] mask = [0, 0, 1, 1, 1, 1, 1, 1, 1, 1];
        var y = Tape.Inference().CausalSelfAttention(q, k, v, batch, heads, mask);
        for (int b = 0; b < batch; b++)
        {
            for (int h = 0; h < heads; h++)
            {
                for (int i = 0; i < t; i++)
                {
                    var scores = new List<(int J, double S)>();
                    for (int j = 0; j <= i; j++)
                    {
                        if (mask[b * t + j] == 0)
                        {
                            continue;
                        }

                        double s = 0;
                        for (int c = 0; c < dh; c++)
                        {
                            s += (double)q.Data[(b * t + i) * d + h * dh + c] * k.Data[(b * t + j) * d + h * dh + c];
                        }

                        scores.Add((j, s / Math.Sqrt(dh)));
                    }

                    double max = scores.Count == 0 ? 0 : scores.Max(x => x.S);
                    double z = scores.Sum(x => Math.Exp(x.S - max));
                    for (int c = 0; c < dh; c++)
                    {
                        double expected = scores.Sum(x => Math.Exp(x.S - max) / z * v.Data[(b * t + x.J) * d + h * dh + c]);
                        Assert.Equal(expected, y.Data[(b * t + i) * d + h * dh + c], 1e-5);
                    }
                }
            }
        }
    }
}
