using Microsoft.Extensions.Time.Testing;
using SessionRec.Core.Privacy;
using SessionRec.Core.Sessions;

namespace SessionRec.Core.Tests.Sessions;

/// <summary>Which ended sessions online learning may absorb: expired and evicted ones, as item sequences; never erased ones.</summary>
public class EndedSessionWindowTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Expired_sessions_are_absorbed_as_item_sequences_and_erased_ones_never()
    {
        var window = new EndedSessionWindow(100);
        using var store = new InMemorySessionStore(TestOptions.Sessions(ttl: TimeSpan.FromMinutes(30)), _time, window);
        await Click(store, "kept", "a", "b", "c");
        await Click(store, "erased", "secret-1", "secret-2");
        await Click(store, "single", "d");

        Assert.True(await store.DeleteAsync(new SessionKey("erased")));
        _time.Advance(TimeSpan.FromMinutes(31));
        store.SweepExpired();

        var absorbed = Assert.Single(window.Snapshot());
        Assert.Equal(["a", "b", "c"], absorbed);
        Assert.DoesNotContain(window.Snapshot().SelectMany(s => s), i => i.StartsWith("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_expired_session_is_absorbed_once_whether_the_sweep_or_its_next_click_finds_it()
    {
        var window = new EndedSessionWindow(100);
        using var store = new InMemorySessionStore(TestOptions.Sessions(ttl: TimeSpan.FromMinutes(30)), _time, window);
        await Click(store, "s", "a", "b");

        _time.Advance(TimeSpan.FromMinutes(31));
        await Click(store, "s", "c");
        store.SweepExpired();

        Assert.Equal(["a", "b"], Assert.Single(window.Snapshot()));
        Assert.Equal(["c"], await store.ReadAsync(new SessionKey("s")));
    }

    [Fact]
    public async Task Evicted_sessions_are_absorbed_and_the_window_keeps_only_the_newest()
    {
        var window = new EndedSessionWindow(5);
        using var store = new InMemorySessionStore(Microsoft.Extensions.Options.Options.Create(new SessionRetentionOptions { MaxActive = 3 }), _time, window);
        for (int s = 0; s < 20; s++)
        {
            await Click(store, $"s{s}", $"x{s}", $"y{s}");
        }

        // s0..s16 were evicted (3 stay active); only the newest 5 of them, s12..s16, are kept.
        Assert.Equal(17, window.Absorbed);
        Assert.Equal(5, window.Count);
        Assert.Equal(["x12", "y12"], window.Snapshot()[0]);
        Assert.Equal(["x16", "y16"], window.Snapshot()[^1]);
    }

    [Fact]
    public async Task A_window_of_zero_keeps_nothing()
    {
        using var store = new InMemorySessionStore(TestOptions.Sessions(ttl: TimeSpan.FromMinutes(30)), _time, EndedSessionWindow.Off);
        await Click(store, "s", "a", "b");
        _time.Advance(TimeSpan.FromMinutes(31));
        store.SweepExpired();
        Assert.Equal(0, EndedSessionWindow.Off.Count);
    }

    private static async Task Click(InMemorySessionStore store, string session, params string[] items)
    {
        foreach (var item in items)
        {
            await store.AppendAsync(new SessionKey(session), item);
        }
    }
}
