using Microsoft.Extensions.Time.Testing;
using SessionRec.Core.Metrics;

namespace SessionRec.Core.Tests.Metrics;

public class LatencyWindowTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>HdrHistogram keeps 3 significant digits: a quantile is the sample's value within 0.1 %.</summary>
    private static void Near(double expected, double actual) => Assert.InRange(actual, expected * 0.999, expected * 1.001);

    [Fact]
    public void Quantiles_are_nearest_rank_over_the_samples()
    {
        var window = new LatencyWindow(TimeSpan.FromMinutes(5), _time);
        foreach (int ms in Enumerable.Range(1, 100).Reverse())
        {
            window.Record(ms);
        }

        var s = window.Summarize();
        Assert.Equal(100, s.Count);
        Near(50, s.P50Ms);
        Near(99, s.P99Ms);
        Assert.Equal(50.5, s.MeanMs, 10);
    }

    [Fact]
    public void Small_sample_hand_computed()
    {
        var window = new LatencyWindow(TimeSpan.FromMinutes(5), _time);
        foreach (double ms in new[] { 4.0, 1.0, 3.0, 2.0, 10.0 })
        {
            window.Record(ms);
        }

        var s = window.Summarize();
        Near(3.0, s.P50Ms); // rank ceil(0.5·5) = 3 → 3.0
        Near(10.0, s.P99Ms); // rank ceil(0.99·5) = 5 → 10.0
        Assert.Equal(4.0, s.MeanMs, 10);
    }

    [Fact]
    public void Samples_leave_the_window_as_time_passes()
    {
        var window = new LatencyWindow(TimeSpan.FromMinutes(5), _time);
        window.Record(100);
        _time.Advance(TimeSpan.FromMinutes(4));
        window.Record(1);
        window.Record(3);

        Assert.Equal(3, window.Summarize().Count);
        _time.Advance(TimeSpan.FromMinutes(2));

        var s = window.Summarize();
        Assert.Equal(2, s.Count);
        Near(3, s.P99Ms);
        Assert.Equal(2, s.MeanMs, 10);
    }

    [Fact]
    public void Empty_window_reports_zeros() =>
        Assert.Equal(new LatencySummary(0, 0, 0, 0), new LatencyWindow(TimeSpan.FromSeconds(1), _time).Summarize());

    [Fact]
    public void Holds_the_whole_window_at_high_rates_not_the_newest_few_hundred_thousand()
    {
        // 20,000 requests a second for 5 minutes: 6 million samples, all of them in the window.
        var window = new LatencyWindow(TimeSpan.FromMinutes(5), _time);
        for (int second = 0; second < 300; second++)
        {
            double ms = second < 150 ? 1.0 : 2.0;
            for (int i = 0; i < 20_000; i++)
            {
                window.Record(ms);
            }

            if (second < 299)
            {
                _time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        var s = window.Summarize();
        Assert.InRange(s.Count, 5_800_000, 6_000_000); // all but the oldest bucket's share of the boundary
        Near(1.0, s.P50Ms);
        Near(2.0, s.P99Ms);
    }

    [Fact]
    public void A_single_slow_outlier_is_seen_in_the_high_quantile()
    {
        var window = new LatencyWindow(TimeSpan.FromMinutes(5), _time);
        for (int i = 0; i < 99; i++)
        {
            window.Record(0.2);
        }

        window.Record(3_888);
        var s = window.Summarize();
        Near(0.2, s.P50Ms);
        Near(0.2, s.P99Ms);
        Assert.Equal((99 * 0.2 + 3_888) / 100, s.MeanMs, 6);
    }
}
