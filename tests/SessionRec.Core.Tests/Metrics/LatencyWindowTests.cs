using Microsoft.Extensions.Time.Testing;
using SessionRec.Core.Metrics;

namespace SessionRec.Core.Tests.Metrics;

public class LatencyWindowTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

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
        Assert.Equal(50, s.P50Ms);
        Assert.Equal(99, s.P99Ms);
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
        Assert.Equal(3.0, s.P50Ms); // rank ceil(0.5·5) = 3 → 3.0
        Assert.Equal(10.0, s.P99Ms); // rank ceil(0.99·5) = 5 → 10.0
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
        Assert.Equal(3, s.P99Ms);
        Assert.Equal(2, s.MeanMs, 10);
    }

    [Fact]
    public void Empty_window_reports_zeros() =>
        Assert.Equal(new LatencySummary(0, 0, 0, 0), new LatencyWindow(TimeSpan.FromSeconds(1), _time).Summarize());

    [Fact]
    public void Keeps_only_the_newest_samples_beyond_capacity()
    {
        var window = new LatencyWindow(TimeSpan.FromMinutes(5), _time, capacity: 4);
        foreach (double ms in new[] { 1000.0, 1000.0, 1.0, 2.0, 3.0, 4.0 })
        {
            window.Record(ms);
        }

        var s = window.Summarize();
        Assert.Equal(4, s.Count);
        Assert.Equal(4, s.P99Ms);
    }
}
