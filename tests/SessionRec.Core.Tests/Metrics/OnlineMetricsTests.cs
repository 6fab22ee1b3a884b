using Microsoft.Extensions.Time.Testing;
using SessionRec.Core.Metrics;

namespace SessionRec.Core.Tests.Metrics;

public class OnlineMetricsTests
{
    [Fact]
    public async Task Hit_rate_and_cold_start_share_are_percentages_of_resolved_and_served()
    {
        var metrics = new OnlineMetrics(new FakeTimeProvider(), TimeSpan.FromMinutes(5));
        metrics.RecommendationServed(coldStart: true);
        metrics.RecommendationServed(coldStart: false);
        metrics.RecommendationServed(coldStart: false);
        metrics.RecommendationServed(coldStart: false);
        metrics.RecommendationResolved(hit: true);
        metrics.RecommendationResolved(hit: false);
        metrics.RecommendationResolved(hit: false);
        metrics.ClickReceived();
        metrics.FeedbackReceived();

        var s = await metrics.SnapshotAsync();
        Assert.Equal(100.0 / 3, s.HitRateAt10, 10);
        Assert.Equal(25.0, s.ColdStartPercentage, 10);
        Assert.Equal((4L, 1L, 3L), (s.TotalRequests, s.ColdStartRequests, s.ModelRequests));
        Assert.Equal((1L, 1L, 3L, 1L), (s.Clicks, s.Feedback, s.Resolved, s.Hits));
    }

    [Fact]
    public async Task Empty_metrics_have_zero_rates()
    {
        var s = await new OnlineMetrics(new FakeTimeProvider(), TimeSpan.FromMinutes(1)).SnapshotAsync();
        Assert.Equal((0.0, 0.0), (s.HitRateAt10, s.ColdStartPercentage));
    }

    [Fact]
    public void A_hit_is_a_click_on_one_of_the_first_ten()
    {
        string[] served = [.. Enumerable.Range(1, 20).Select(i => $"i{i}")];
        Assert.True(OnlineMetrics.IsHit(served, "i1"));
        Assert.True(OnlineMetrics.IsHit(served, "i10"));
        Assert.False(OnlineMetrics.IsHit(served, "i11"));
        Assert.False(OnlineMetrics.IsHit(served, null));
        Assert.False(OnlineMetrics.IsHit(served, "other"));
    }

    [Fact]
    public async Task Counters_are_exact_under_concurrency()
    {
        var metrics = new OnlineMetrics(new FakeTimeProvider(), TimeSpan.FromMinutes(1));
        await Parallel.ForAsync(0, 10_000, (i, _) =>
        {
            metrics.RecommendationServed(i % 4 == 0);
            metrics.RecommendationResolved(i % 10 == 0);
            metrics.RecommendLatency.Record(1);
            return ValueTask.CompletedTask;
        });

        var s = await metrics.SnapshotAsync();
        Assert.Equal(10_000, s.TotalRequests);
        Assert.Equal(2_500, s.ColdStartRequests);
        Assert.Equal(10.0, s.HitRateAt10, 10);
        Assert.Equal(10_000, s.Latency.Count);
    }
}
