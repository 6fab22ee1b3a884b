namespace SessionRec.Core.ColdStart;

/// <summary>Draws from Beta(α, β) as X/(X+Y) with X ~ Gamma(α), Y ~ Gamma(β) (Marsaglia &amp; Tsang for Gamma).</summary>
public static class BetaSampler
{
    public static double Sample(Random random, double alpha, double beta)
    {
        ArgumentNullException.ThrowIfNull(random);
        double x = SampleGamma(random, alpha);
        double y = SampleGamma(random, beta);
        double sum = x + y;
        return sum > 0 ? x / sum : 0.5;
    }

    public static double SampleGamma(Random random, double shape)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (shape < 1)
        {
            // Boost: Gamma(a) = Gamma(a + 1) · U^(1/a); Marsaglia–Tsang needs shape ≥ 1.
            double u = random.NextDouble();
            return SampleGamma(random, shape + 1) * Math.Pow(u, 1 / shape);
        }

        double d = shape - (1.0 / 3);
        double c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = NextGaussian(random);
                v = 1 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            double u = random.NextDouble();
            if (u < 1 - (0.0331 * x * x * x * x) || Math.Log(u) < (0.5 * x * x) + (d * (1 - v + Math.Log(v))))
            {
                return d * v;
            }
        }
    }

    private static double NextGaussian(Random random)
    {
        // Box–Muller; 1 − NextDouble() avoids log(0).
        double u1 = 1 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
