using SessionRec.Tensors;

namespace SessionRec.Tensors.Tests;

public class CausalLowPassTests
{
    [Fact]
    public void GradientsOfInputAndBetaMatchFiniteDifferences()
    {
        var rng = new DeterministicRandom(11);
        var x = GradientChecker.Random(rng, 1f, 3 * 5, 4);
        var sqrtBeta = GradientChecker.Random(rng, 1f, 4);
        // Left padding as the trainer lays sequences out, one sequence without any, one with a padding row inside.
        float[] mask = [0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 0, 1];
        var lags = LowPassFilter.LagWeights(window: 7, frequencies: 2);
        GradientChecker.Check(t => t.CausalLowPass(x, sqrtBeta, lags, sequences: 3, mask), [x, sqrtBeta]);
    }

    [Theory]
    [InlineData(50, 3)]
    [InlineData(50, 1)]
    [InlineData(8, 4)]
    [InlineData(9, 5)]
    public void EachRowIsTheLowPassOfItsPrefixTakenByAFullDft(int window, int frequencies)
    {
        const int d = 3;
        int length = Math.Min(window, 12);
        var rng = new DeterministicRandom(5);
        var values = new float[length * d];
        rng.FillUniform(values, 1f);
        var mask = new float[length];
        Array.Fill(mask, 1f);
        mask[0] = 0f;
        var sqrtBeta = new float[d];
        sqrtBeta[0] = 0f;
        sqrtBeta[1] = 1f;
        sqrtBeta[2] = 0.5f;

        var y = Tape.Inference().CausalLowPass(
            Tensor.Constant(values, length, d), Tensor.Constant(sqrtBeta, d), LowPassFilter.LagWeights(window, frequencies), 1, mask);

        for (int i = 1; i < length; i++)
        {
            for (int c = 0; c < d; c++)
            {
                // The prefix rows 1..i, right-aligned in a zero window as BSARec pads, low-passed by a full DFT.
                var signal = new double[window];
                for (int j = 1; j <= i; j++)
                {
                    signal[window - 1 - (i - j)] = values[j * d + c];
                }

                double low = DftLowPassAtLast(signal, frequencies);
                double beta = sqrtBeta[c] * sqrtBeta[c];
                double expected = beta * values[i * d + c] + (1 - beta) * low;
                Assert.Equal(expected, y.Data[i * d + c], 4);
            }
        }

        Assert.All(y.Data.AsSpan(0, d).ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void AllFrequenciesKeepTheSignalAndOneKeepsItsMean()
    {
        var all = LowPassFilter.LagWeights(10, 6);
        Assert.Equal(1f, all[0], 5);
        Assert.All(all.Skip(1), w => Assert.Equal(0f, w, 5));
        Assert.All(LowPassFilter.LagWeights(10, 1), w => Assert.Equal(0.1f, w, 6));
    }

    private static double DftLowPassAtLast(double[] signal, int frequencies)
    {
        int n = signal.Length;
        double result = 0;
        for (int f = 0; f < n; f++)
        {
            if (Math.Min(f, n - f) >= frequencies)
            {
                continue;
            }

            double re = 0, im = 0;
            for (int s = 0; s < n; s++)
            {
                re += signal[s] * Math.Cos(2 * Math.PI * f * s / n);
                im -= signal[s] * Math.Sin(2 * Math.PI * f * s / n);
            }

            // Inverse transform at sample n − 1.
            double angle = 2 * Math.PI * f * (n - 1) / n;
            result += (re * Math.Cos(angle)) - (im * Math.Sin(angle));
        }

        return result / n;
    }
}
