using SessionRec.Core.Privacy;
using SessionRec.Core.Sessions;

namespace SessionRec.Redis.Tests.Contract;

/// <summary>
/// What every <see cref="ISessionStore"/> promises, written once and run against each backend. Time passes through
/// <see cref="LetTimePassAsync"/>: a fake clock for the in-process store, real (short) waits for Redis.
/// </summary>
public abstract class SessionStoreContract : IDisposable
{
    private static readonly SessionIdHasher Hasher = new("contract-tests-secret"u8.ToArray());

    private readonly List<ISessionStore> _stores = [];

    /// <summary>A fresh store that shares nothing (no sessions, no count) with the stores of other tests.</summary>
    protected abstract ISessionStore NewStore(int maxClicks, TimeSpan ttl);

    protected abstract Task LetTimePassAsync(TimeSpan span);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_repeated_event_id_is_stored_once_and_other_clicks_still_are()
    {
        var store = Store();
        var session = NewSession();

        Assert.True((await store.AppendClickAsync(session, "a", "e1", Ct)).Stored);
        Assert.False((await store.AppendClickAsync(session, "a", "e1", Ct)).Stored);
        Assert.True((await store.AppendClickAsync(session, "b", "e2", Ct)).Stored);
        Assert.True((await store.AppendClickAsync(session, "b", null, Ct)).Stored);

        Assert.Equal(["a", "b", "b"], await store.ReadAsync(session, Ct));
    }

    [Fact]
    public async Task Only_the_first_click_of_an_item_counts_for_trending_within_the_bound()
    {
        var store = Store();
        var session = NewSession();

        Assert.True((await store.AppendClickAsync(session, "a", null, Ct)).FirstOfItem);
        Assert.False((await store.AppendClickAsync(session, "a", null, Ct)).FirstOfItem);
        for (int i = 1; i < SessionLedgerLimits.MaxTrendingItems; i++)
        {
            Assert.True((await store.AppendClickAsync(session, $"i{i}", null, Ct)).FirstOfItem);
        }

        Assert.False((await store.AppendClickAsync(session, "one-too-many", null, Ct)).FirstOfItem);
        Assert.True((await store.AppendClickAsync(NewSession(), "a", null, Ct)).FirstOfItem);
    }

    [Fact]
    public async Task Each_bandit_arm_is_claimed_once_per_session_and_slates_are_bounded_per_minute()
    {
        var store = Store();
        var session = NewSession();

        Assert.Equal(new[] { true, true }, await store.ClaimArmsAsync(session, ["a", "b"], 3, Ct));
        Assert.Equal(new[] { false, true }, await store.ClaimArmsAsync(session, ["a", "c"], 3, Ct));
        Assert.Equal(new[] { true }, await store.ClaimArmsAsync(session, ["d"], 3, Ct));
        Assert.Equal(new[] { false }, await store.ClaimArmsAsync(session, ["e"], 3, Ct)); // the fourth slate this minute
        Assert.Equal(new[] { true }, await store.ClaimArmsAsync(NewSession(), ["a"], 3, Ct));
    }

    [Fact]
    public async Task Delete_forgets_the_ledger_too()
    {
        var store = Store();
        var session = NewSession();
        await store.AppendClickAsync(session, "a", "e1", Ct);
        await store.ClaimArmsAsync(session, ["a"], 3, Ct);
        await store.DeleteAsync(session, Ct);

        var again = await store.AppendClickAsync(session, "a", "e1", Ct);
        Assert.True(again.Stored);
        Assert.True(again.FirstOfItem);
        Assert.Equal(new[] { true }, await store.ClaimArmsAsync(session, ["a"], 3, Ct));
    }

    [Fact]
    public async Task Keeps_clicks_in_order_and_only_the_newest_max()
    {
        var store = Store(maxClicks: 3);
        var session = NewSession();
        foreach (var item in new[] { "a", "b", "c", "d", "e" })
        {
            await store.AppendAsync(session, item, Ct);
        }

        Assert.Equal(["c", "d", "e"], await store.ReadAsync(session, Ct));
    }

    [Fact]
    public async Task Exactly_the_newest_50_are_kept_when_max_is_50()
    {
        var store = Store(maxClicks: 50);
        var session = NewSession();
        for (int i = 0; i < 200; i++)
        {
            await store.AppendAsync(session, $"i{i}", Ct);
        }

        Assert.Equal(Enumerable.Range(150, 50).Select(i => $"i{i}"), await store.ReadAsync(session, Ct));
    }

    [Fact]
    public async Task A_thousand_concurrent_clicks_on_one_session_are_all_kept()
    {
        var store = Store(maxClicks: 1000);
        var session = NewSession();
        // All thousand in flight at once (Parallel.ForAsync would run only one per core at a time).
        await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => Task.Run(async () => await store.AppendAsync(session, $"i{i}", Ct), Ct)));

        var clicks = await store.ReadAsync(session, Ct);
        Assert.Equal(1000, clicks.Count);
        Assert.Equal(1000, clicks.Distinct().Count());
    }

    [Fact]
    public async Task An_unknown_session_reads_empty_is_not_counted_and_is_not_deleted()
    {
        var store = Store();
        var session = NewSession();

        Assert.Empty(await store.ReadAsync(session, Ct));
        Assert.False(await store.DeleteAsync(session, Ct));
        Assert.Equal(0, await store.CountActiveAsync(Ct));
    }

    [Fact]
    public async Task Delete_removes_at_once_and_reports_whether_it_existed()
    {
        var store = Store();
        var session = NewSession();
        await store.AppendAsync(session, "a", Ct);

        Assert.True(await store.DeleteAsync(session, Ct));
        Assert.Empty(await store.ReadAsync(session, Ct));
        Assert.False(await store.DeleteAsync(session, Ct));
        Assert.Equal(0, await store.CountActiveAsync(Ct));
    }

    [Fact]
    public async Task Counts_the_sessions_that_have_clicks()
    {
        var store = Store();
        var sessions = Enumerable.Range(0, 40).Select(_ => NewSession()).ToArray();
        foreach (var session in sessions)
        {
            await store.AppendAsync(session, "a", Ct);
            await store.AppendAsync(session, "b", Ct);
        }

        Assert.Equal(40, await store.CountActiveAsync(Ct));
        await store.DeleteAsync(sessions[0], Ct);
        await store.ReadAsync(NewSession(), Ct);
        Assert.Equal(39, await store.CountActiveAsync(Ct));
    }

    [Fact]
    public async Task Expiry_slides_with_every_click_and_read()
    {
        // Each step is well inside the TTL, yet together they outlast it: only the refreshes keep the session.
        // Real seconds for Redis: a 2 s margin per step absorbs a stalled runner without a flaky result.
        var ttl = TimeSpan.FromSeconds(5);
        var step = TimeSpan.FromSeconds(3);
        var store = Store(ttl: ttl);
        var session = NewSession();
        await store.AppendAsync(session, "a", Ct);

        await LetTimePassAsync(step);
        Assert.Equal(["a"], await store.ReadAsync(session, Ct));

        await LetTimePassAsync(step);
        await store.AppendAsync(session, "b", Ct);

        await LetTimePassAsync(step);
        Assert.Equal(["a", "b"], await store.ReadAsync(session, Ct));
        Assert.Equal(1, await store.CountActiveAsync(Ct));

        await LetTimePassAsync(ttl + TimeSpan.FromSeconds(1));
        Assert.Equal(0, await store.CountActiveAsync(Ct));
        Assert.Empty(await store.ReadAsync(session, Ct));
        Assert.False(await store.DeleteAsync(session, Ct));
    }

    [Fact]
    public async Task A_click_after_expiry_starts_a_fresh_session()
    {
        var ttl = TimeSpan.FromSeconds(1);
        var store = Store(ttl: ttl);
        var session = NewSession();
        await store.AppendAsync(session, "old", Ct);

        await LetTimePassAsync(ttl + TimeSpan.FromSeconds(1));
        await store.AppendAsync(session, "new", Ct);

        Assert.Equal(["new"], await store.ReadAsync(session, Ct));
    }

    [Fact]
    public async Task Sessions_do_not_see_each_other()
    {
        var store = Store();
        var first = NewSession();
        var second = NewSession();
        await store.AppendAsync(first, "a", Ct);
        await store.AppendAsync(second, "b", Ct);

        Assert.Equal(["a"], await store.ReadAsync(first, Ct));
        Assert.Equal(["b"], await store.ReadAsync(second, Ct));
    }

    public void Dispose()
    {
        foreach (var store in _stores.OfType<IDisposable>())
        {
            store.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    protected static SessionKey NewSession() => Hasher.Hash(Guid.NewGuid().ToString());

    private ISessionStore Store(int maxClicks = 50, TimeSpan? ttl = null)
    {
        var store = NewStore(maxClicks, ttl ?? TimeSpan.FromMinutes(30));
        _stores.Add(store);
        return store;
    }
}
