using Microsoft.Extensions.Time.Testing;
using SessionRec.Core.Privacy;
using SessionRec.Core.Sessions;

namespace SessionRec.Core.Tests.Sessions;

public class InMemorySessionStoreTests
{
    private static readonly SessionKey Key = new("k1");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Keeps_clicks_in_order_and_only_the_newest_max()
    {
        using var store = new InMemorySessionStore(TestOptions.Sessions(maxClicks: 3), _time);
        foreach (var item in new[] { "a", "b", "c", "d", "e" })
        {
            await store.AppendAsync(Key, item);
        }

        Assert.Equal(["c", "d", "e"], await store.ReadAsync(Key));
    }

    [Fact]
    public async Task Expiry_slides_with_every_click_and_read()
    {
        using var store = new InMemorySessionStore(TestOptions.Sessions(ttl: TimeSpan.FromMinutes(30)), _time);
        await store.AppendAsync(Key, "a");

        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(["a"], await store.ReadAsync(Key)); // the read refreshes expiry

        _time.Advance(TimeSpan.FromMinutes(29));
        await store.AppendAsync(Key, "b"); // 58 minutes after the first click, still alive thanks to the read

        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(["a", "b"], await store.ReadAsync(Key));

        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.Empty(await store.ReadAsync(Key));
        Assert.Equal(0, await store.CountActiveAsync());
    }

    [Fact]
    public async Task A_click_after_expiry_starts_a_fresh_session()
    {
        using var store = new InMemorySessionStore(TestOptions.Sessions(ttl: TimeSpan.FromMinutes(1)), _time);
        await store.AppendAsync(Key, "old");
        _time.Advance(TimeSpan.FromMinutes(2));
        await store.AppendAsync(Key, "new");

        Assert.Equal(["new"], await store.ReadAsync(Key));
    }

    [Fact]
    public async Task Expired_sessions_are_reclaimed_by_the_sweep_timer()
    {
        using var store = new InMemorySessionStore(TestOptions.Sessions(ttl: TimeSpan.FromMinutes(1)), _time);
        for (int i = 0; i < 100; i++)
        {
            await store.AppendAsync(new SessionKey($"s{i}"), "a");
        }

        Assert.Equal(100, store.StoredEntries);
        _time.Advance(TimeSpan.FromMinutes(2)); // fires the sweeper (period ≤ TTL / 4)

        Assert.Equal(0, store.StoredEntries);
    }

    [Fact]
    public async Task Delete_removes_at_once_and_reports_whether_it_existed()
    {
        using var store = new InMemorySessionStore(TestOptions.Sessions(), _time);
        await store.AppendAsync(Key, "a");

        Assert.True(await store.DeleteAsync(Key));
        Assert.Empty(await store.ReadAsync(Key));
        Assert.False(await store.DeleteAsync(Key));
        Assert.Equal(0, await store.CountActiveAsync());
    }

    [Fact]
    public async Task Concurrent_clicks_on_one_session_are_all_kept()
    {
        using var store = new InMemorySessionStore(TestOptions.Sessions(maxClicks: 2000), _time);
        await Parallel.ForAsync(0, 1000, async (i, ct) => await store.AppendAsync(Key, $"i{i}", ct));

        var clicks = await store.ReadAsync(Key);
        Assert.Equal(1000, clicks.Count);
        Assert.Equal(1000, clicks.Distinct().Count());
    }

    [Fact]
    public async Task Clicks_racing_with_sweeps_and_deletes_of_other_sessions_are_kept()
    {
        using var store = new InMemorySessionStore(TestOptions.Sessions(maxClicks: 5000), _time);
        var writer = Parallel.ForAsync(0, 2000, async (i, ct) => await store.AppendAsync(Key, $"i{i}", ct));
        for (int i = 0; i < 200; i++)
        {
            store.SweepExpired();
            await store.DeleteAsync(new SessionKey($"other{i}"));
        }

        await writer;
        Assert.Equal(2000, (await store.ReadAsync(Key)).Count);
    }
}
