using Microsoft.Extensions.Options;
using SessionRec.Core.Items;
using SessionRec.Core.Privacy;
using SessionRec.Core.Ranking;
using SessionRec.Core.Serving;
using SessionRec.Core.Sessions;
using SessionRec.Core.Tests.Support;

namespace SessionRec.Core.Tests.Integrity;

/// <summary>Issue 10, findings 2, 4 and 5: memory bounded by what is held, erasure that holds, model faults.</summary>
public class BoundedStateTests
{
    [Fact]
    public async Task Past_MaxActive_the_least_recently_active_sessions_are_evicted_first()
    {
        using var pipeline = new ServingPipeline(maxActive: 3);
        await pipeline.ClickAsync("a", "i001");
        await pipeline.ClickAsync("b", "i001");
        await pipeline.ClickAsync("c", "i001");
        await pipeline.Sessions.ReadAsync(pipeline.Key("a")); // a is now more recent than b
        await pipeline.ClickAsync("d", "i001");

        Assert.Equal(3, await pipeline.Sessions.CountActiveAsync());
        Assert.Empty(await pipeline.Sessions.ReadAsync(pipeline.Key("b")));
        Assert.NotEmpty(await pipeline.Sessions.ReadAsync(pipeline.Key("a")));
        Assert.NotEmpty(await pipeline.Sessions.ReadAsync(pipeline.Key("c")));
        Assert.NotEmpty(await pipeline.Sessions.ReadAsync(pipeline.Key("d")));
    }

    [Fact]
    public async Task Many_sessions_never_exceed_MaxActive()
    {
        using var pipeline = new ServingPipeline(maxActive: 1_000);
        await Parallel.ForAsync(0, 20_000, async (i, _) => await pipeline.ClickAsync($"s{i}", "i001"));

        Assert.Equal(1_000, await pipeline.Sessions.CountActiveAsync());
        Assert.Equal(1_000, pipeline.Sessions.StoredEntries);
    }

    [Fact]
    public async Task Served_records_are_capped_per_session_and_in_total_and_counted()
    {
        using var pipeline = new ServingPipeline(maxPending: 50);
        for (int i = 0; i < 20; i++)
        {
            await pipeline.RecommendAsync("greedy", k: 100);
        }

        Assert.Equal(InMemoryServedRecommendationStore.MaxPendingPerSession, pipeline.Served.PendingCount);
        for (int i = 0; i < 200; i++)
        {
            await pipeline.RecommendAsync($"never-clicked-{i}", k: 100);
        }

        Assert.Equal(50, pipeline.Served.PendingCount);
        Assert.True(pipeline.Served.SessionsHeld <= 50);
    }

    [Fact]
    public async Task A_recommend_racing_a_delete_leaves_nothing_behind()
    {
        using var pipeline = new ServingPipeline();
        for (int trial = 0; trial < 300; trial++)
        {
            string session = $"race-{trial}";
            await pipeline.ClickAsync(session, "i001");
            await pipeline.ClickAsync(session, "i002");
            var recommend = Task.Run(async () => await pipeline.RecommendAsync(session));
            var delete = Task.Run(async () => await pipeline.Clicks.DeleteSessionAsync(pipeline.Key(session)));
            await Task.WhenAll(recommend, delete);

            Assert.Empty(pipeline.Served.TakeAll(pipeline.Key(session)));
            Assert.Empty(await pipeline.Sessions.ReadAsync(pipeline.Key(session)));
        }
    }

    [Fact]
    public async Task The_tombstone_expires_so_a_returning_id_is_served_and_recorded_again()
    {
        using var pipeline = new ServingPipeline();
        await pipeline.RecommendAsync("s");
        await pipeline.Clicks.DeleteSessionAsync(pipeline.Key("s"));
        await pipeline.RecommendAsync("s");
        Assert.Equal(0, pipeline.Served.PendingCount);

        pipeline.Time.Advance(new SessionRetentionOptions().TombstoneTtl + TimeSpan.FromSeconds(1));
        await pipeline.RecommendAsync("s");
        Assert.Equal(1, pipeline.Served.PendingCount);
    }

    [Fact]
    public async Task A_one_click_session_holds_one_click_slot_not_fifty()
    {
        using var store = new InMemorySessionStore(TestOptions.Sessions(maxClicks: 50), TimeProvider.System);
        var key = new SessionKey("k");
        await store.AppendAsync(key, "a");
        long before = GC.GetAllocatedBytesForCurrentThread();
        await store.AppendAsync(new SessionKey("k2"), "a");
        long oneSession = GC.GetAllocatedBytesForCurrentThread() - before;

        // 50 slots alone would be 424 B; the whole session (entry, key, one slot, ledger) stays well under that.
        Assert.InRange(oneSession, 1, 424);
        for (int i = 0; i < 60; i++)
        {
            await store.AppendAsync(key, $"i{i}");
        }

        Assert.Equal(50, (await store.ReadAsync(key)).Count);
        Assert.Equal("i59", (await store.ReadAsync(key))[^1]);
    }

    [Fact]
    public async Task A_model_that_throws_at_serve_time_gives_cold_start_with_the_reason()
    {
        using var pipeline = new ServingPipeline(model: new ThrowingModel());
        await pipeline.ClickAsync("s", "i001");
        await pipeline.ClickAsync("s", "i002");

        var result = await pipeline.RecommendAsync("s");

        Assert.True(result.UsedColdStart);
        Assert.Equal(10, result.Items.Count);
        Assert.Contains("model failed", result.Message, StringComparison.Ordinal);
    }

    private sealed class ThrowingModel : INextItemModel
    {
        public string Name => "broken";

        public ItemVocabulary Vocabulary { get; } = new(ServingPipeline.ItemIds);

        public int Recommend(ReadOnlySpan<int> session, ReadOnlySpan<int> exclude, Span<ScoredItem> destination) =>
            throw new InvalidOperationException("non-finite scores");
    }
}
