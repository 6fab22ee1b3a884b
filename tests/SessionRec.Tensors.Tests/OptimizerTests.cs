using SessionRec.Tensors;

namespace SessionRec.Tensors.Tests;

public class OptimizerTests
{
    // Expected values computed by hand from the Adam recurrences (lr 0.1, β 0.9/0.999, ε 1e-8, p₀ = 1).
    [Fact]
    public void AdamMatchesHandComputedSteps()
    {
        var p = Tensor.Parameter([1f], 1);
        var adam = new Adam(new AdamOptions { LearningRate = 0.1f });
        adam.Add(p);
        double[] expected = [0.900000002, 0.9366103542405654, 0.9502794203389762];
        float[] grads = [0.5f, -1f, 0.25f];
        for (int step = 0; step < 3; step++)
        {
            p.Grad = [grads[step]];
            adam.Step();
            Assert.Equal(expected[step], p.Data[0], 1e-6);
            Assert.Equal(0f, p.Grad[0]);
        }

        Assert.Equal(3, adam.StepCount);
    }

    [Fact]
    public void VectorisedUpdateMatchesTheScalarRecurrence()
    {
        var p = Tensor.Parameter(Enumerable.Repeat(1f, 37).ToArray(), 37);
        var adamw = new AdamW(new AdamOptions { LearningRate = 0.1f, WeightDecay = 0.1f });
        adamw.Add(p);
        p.Grad = Enumerable.Repeat(0.5f, 37).ToArray();
        adamw.Step();
        p.Grad = Enumerable.Repeat(-1f, 37).ToArray();
        adamw.Step();
        Assert.All(p.Data, v => Assert.Equal(0.9177103542205653, v, 1e-6));
    }

    [Fact]
    public void AdamWeightDecayIsAnL2Term()
    {
        var p = Tensor.Parameter([1f], 1);
        var adam = new Adam(new AdamOptions { LearningRate = 0.1f, WeightDecay = 0.1f });
        adam.Add(p);
        p.Grad = [0.5f];
        adam.Step();
        Assert.Equal(0.9000000016666666, p.Data[0], 1e-6);
        p.Grad = [-1f];
        adam.Step();
        Assert.Equal(0.9252635194456061, p.Data[0], 1e-6);
    }

    [Fact]
    public void AdamWDecaysDecoupledAndRespectsExclusions()
    {
        var p = Tensor.Parameter([1f], 1);
        var bias = Tensor.Parameter([1f], 1);
        var adamw = new AdamW(new AdamOptions { LearningRate = 0.1f, WeightDecay = 0.1f });
        adamw.Add(p);
        adamw.Add(bias, weightDecay: false);
        p.Grad = [0.5f];
        bias.Grad = [0.5f];
        adamw.Step();
        Assert.Equal(0.890000002, p.Data[0], 1e-6);
        Assert.Equal(0.900000002, bias.Data[0], 1e-6);
        p.Grad = [-1f];
        bias.Grad = [-1f];
        adamw.Step();
        Assert.Equal(0.9177103542205653, p.Data[0], 1e-6);
        Assert.Equal(0.9366103542405654, bias.Data[0], 1e-6);
    }

    [Fact]
    public void ParametersWithoutGradientAreLeftAlone()
    {
        var p = Tensor.Parameter([1f], 1);
        var adamw = new AdamW(new AdamOptions { WeightDecay = 0.5f });
        adamw.Add(p);
        adamw.Step();
        Assert.Equal(1f, p.Data[0]);
    }

    [Fact]
    public void ClippingScalesToTheGlobalNorm()
    {
        var a = Tensor.Parameter([0f, 0f], 2);
        var b = Tensor.Parameter([0f], 1);
        a.Grad = [3f, 0f];
        b.Grad = [4f];
        double norm = GradientClipping.ClipGlobalNorm([a, b], 1.0);
        Assert.Equal(5.0, norm, 1e-12);
        Assert.Equal(0.6f, a.Grad[0], 1e-6f);
        Assert.Equal(0.8f, b.Grad[0], 1e-6f);
        Assert.Equal(1.0, GradientClipping.GlobalNorm([a, b]), 1e-6);

        a.Grad = [0.3f, 0f];
        b.Grad = [0.4f];
        Assert.Equal(0.5, GradientClipping.ClipGlobalNorm([a, b], 1.0), 1e-6);
        Assert.Equal(0.3f, a.Grad[0]);
    }

    [Fact]
    public void OptimizerClipsBeforeTheUpdate()
    {
        // With clipping to 1, gradient [3, 4] becomes [0.6, 0.8]; Adam's first step is lr·sign(g) either way, so check
        // the reported norm and that the second moment saw the clipped values through a second, unclipped step.
        var p = Tensor.Parameter([0f, 0f], 2);
        var clipped = new Adam(new AdamOptions { LearningRate = 0.1f, MaxGradNorm = 1f });
        clipped.Add(p);
        p.Grad = [3f, 4f];
        Assert.Equal(5.0, clipped.Step(), 1e-6);
        p.Grad = [0.6f, 0.8f];
        Assert.Equal(1.0, clipped.Step(), 1e-6);

        // Both steps saw the same gradient, so each moved by exactly lr.
        Assert.Equal(-0.2f, p.Data[0], 1e-5f);
        Assert.Equal(-0.2f, p.Data[1], 1e-5f);
    }
}
