using Microsoft.Extensions.Time.Testing;
using SessionRec.Core.ColdStart;

namespace SessionRec.Core.Tests.ColdStart;

public class InMemoryTrendingStoreTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Ranks_by_click_count_when_clicks_are_simultaneous()
    {
        var trending = new InMemoryTrendingStore(TestOptions.ColdStart(), _time);
        foreach (var item in new[] { "a", "b", "b", "c", "c", "c" })
        {
            trending.Record(item);
        }

        Assert.Equal(["c", "b", "a"], trending.Top(10).ToArray());
        Assert.Equal(["c", "b"], trending.Top(2).ToArray());
    }

    [Fact]
    public void Old_clicks_decay_with_the_half_life()
    {
        var trending = new InMemoryTrendingStore(TestOptions.ColdStart(o => o.TrendingHalfLife = TimeSpan.FromHours(1)), _time);
        for (int i = 0; i < 3; i++)
        {
            trending.Record("old");
        }

        // Two half-lives later, 3 old clicks weigh 0.75: two fresh clicks outrank them, one does not.
        _time.Advance(TimeSpan.FromHours(2));
        trending.Record("fresh2");
        trending.Record("fresh2");
        trending.Record("fresh1");
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(["fresh2", "fresh1", "old"], trending.Top(3).ToArray());
    }

    [Fact]
    public void Seeds_give_candidates_before_any_live_click()
    {
        var trending = new InMemoryTrendingStore(TestOptions.ColdStart(), _time);
        trending.Seed([new("x", 10), new("y", 20)]);

        Assert.Equal(["y", "x"], trending.Top(5).ToArray());
    }

    [Fact]
    public void Survives_rebasing_after_very_long_uptime()
    {
        var trending = new InMemoryTrendingStore(TestOptions.ColdStart(o => o.TrendingHalfLife = TimeSpan.FromSeconds(1)), _time);
        trending.Record("a");
        _time.Advance(TimeSpan.FromSeconds(50)); // 2^50 > the re-base threshold
        trending.Record("b");
        trending.Record("b");
        trending.Record("c");
        _time.Advance(TimeSpan.FromSeconds(2));
        trending.Record("c");
        trending.Record("c");
        _time.Advance(TimeSpan.FromSeconds(2));

        var top = trending.Top(3).ToArray();
        Assert.Equal("c", top[0]);
        Assert.Equal("a", top[^1]);
        Assert.All(top, t => Assert.NotNull(t));
    }
}
