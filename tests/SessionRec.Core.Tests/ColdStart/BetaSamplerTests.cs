using SessionRec.Core.ColdStart;

namespace SessionRec.Core.Tests.ColdStart;

public class BetaSamplerTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 8)]
    [InlineData(30, 10)]
    [InlineData(0.5, 0.5)]
    public void Sample_mean_and_variance_match_the_distribution(double alpha, double beta)
    {
        var random = new Random(11);
        const int n = 40_000;
        double sum = 0, sumSq = 0;
        for (int i = 0; i < n; i++)
        {
            double x = BetaSampler.Sample(random, alpha, beta);
            Assert.InRange(x, 0, 1);
            sum += x;
            sumSq += x * x;
        }

        double mean = sum / n;
        double variance = (sumSq / n) - (mean * mean);
        double expectedMean = alpha / (alpha + beta);
        double expectedVariance = alpha * beta / ((alpha + beta) * (alpha + beta) * (alpha + beta + 1));
        Assert.InRange(mean, expectedMean - 0.01, expectedMean + 0.01);
        Assert.InRange(variance, expectedVariance * 0.9, expectedVariance * 1.1);
    }
}
