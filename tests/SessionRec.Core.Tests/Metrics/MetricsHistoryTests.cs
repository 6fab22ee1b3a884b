using Microsoft.Extensions.Time.Testing;
using SessionRec.Core.Metrics;

namespace SessionRec.Core.Tests.Metrics;

public class MetricsHistoryTests
{
    [Fact]
    public async Task The_recent_hit_rate_counts_only_resolutions_inside_the_window()
    {
        var time = new FakeTimeProvider();
        var metrics = new OnlineMetrics(time, TimeSpan.FromMinutes(5));
        var history = new MetricsHistory(metrics, time, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(15), recentWindow: TimeSpan.FromMinutes(5));

        var empty = await history.SampleAsync(0);
        for (int i = 0; i < 10; i++)
        {
            metrics.RecommendationResolved(hit: true);
        }

        var early = await history.SampleAsync(0);
        time.Advance(TimeSpan.FromMinutes(6)); // the ten hits leave the window
        var quiet = await history.SampleAsync(0);
        for (int i = 0; i < 10; i++)
        {
            metrics.RecommendationResolved(hit: i < 2);
        }

        time.Advance(TimeSpan.FromSeconds(5));
        var late = await history.SampleAsync(0);

        Assert.Null(empty.HitRateAt10Recent);
        Assert.Equal(100.0, early.HitRateAt10Recent);
        Assert.Null(quiet.HitRateAt10Recent);
        Assert.Equal(20.0, late.HitRateAt10Recent!.Value, 10);
        Assert.Equal(60.0, late.HitRateAt10, 10); // 12 of 20 since start
    }
}
