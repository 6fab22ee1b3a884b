namespace SessionRec.Tensors;

/// <summary>The low-pass filter of BSARec (Shin et al., AAAI 2024) as weights over lags, for <see cref="Tape.CausalLowPass"/>.</summary>
public static class LowPassFilter
{
    /// <summary>
    /// w[k] such that the low-pass of a signal of <paramref name="window"/> samples, keeping its
    /// <paramref name="frequencies"/> lowest DFT frequencies (0 … frequencies − 1 and their mirror images, as an
    /// rfft/irfft pair does), equals Σₖ w[k] · x[last − k] at its last sample. The filter is circular, so these are
    /// the weights of lag k for any window whose older samples are zero.
    /// </summary>
    public static float[] LagWeights(int window, int frequencies)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(frequencies, 1);
        var weights = new float[window];
        for (int k = 0; k < window; k++)
        {
            double sum = 0;
            for (int f = 0; f < window; f++)
            {
                if (Math.Min(f, window - f) < frequencies)
                {
                    sum += Math.Cos(2 * Math.PI * f * k / window);
                }
            }

            weights[k] = (float)(sum / window);
        }

        return weights;
    }
}
