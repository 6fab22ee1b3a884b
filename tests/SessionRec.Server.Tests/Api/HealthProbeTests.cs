using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SessionRec.Core.Catalog;
using SessionRec.Core.Items;
using SessionRec.Core.Privacy;
using SessionRec.Core.Ranking;
using SessionRec.Core.Serving;
using SessionRec.Core.Sessions;
using SessionRec.Server.Hosting;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Api;

/// <summary>
/// Every component is really probed: the model by a canary inference, its item index by a query, the session store
/// by a round trip; each probe's result is reused for a second so a health flood cannot load the backends.
/// </summary>
public sealed class HealthProbeTests
{
    private static readonly string[] Ids = ["a", "b", "c", "d"];

    public enum Fault
    {
        None,
        Throws,
        NaN,
        Nothing,
    }

    [Theory]
    [InlineData(Fault.Throws, "unhealthy", "the canary inference failed")]
    [InlineData(Fault.NaN, "unhealthy", "the canary inference returned non-finite scores or unknown items")]
    [InlineData(Fault.Nothing, "degraded", "the canary inference returned no items")]
    public async Task A_model_whose_canary_inference_fails_is_reported_while_cold_start_keeps_serving(Fault fault, string component, string reason)
    {
        using var factory = Serving(new TestModel(fault), index: null);
        var client = factory.CreateClient();

        var health = await client.HealthAsync();
        var rec = await client.RecommendAsync("new-visitor");

        Assert.Equal(HttpStatusCode.OK, health.Code);
        Assert.Equal("degraded", health.Status);
        Assert.Equal(component, health.Component("model"));
        Assert.Equal($"test (fixture): {reason}", health.Detail("model"));
        Assert.DoesNotContain("/srv", health.Text, StringComparison.Ordinal);
        Assert.Equal("healthy", health.Component("session_store"));
        Assert.Equal(HttpStatusCode.OK, await client.ProbeAsync("/ready"));
        Assert.True(rec.GetProperty("used_coldstart").GetBoolean());
        Assert.Equal(Ids.Length, rec.GetProperty("recommendations").GetArrayLength());
    }

    [Fact]
    public async Task A_working_model_and_index_are_healthy_because_both_answered_a_query()
    {
        var index = new TestIndex(fails: false);
        using var factory = Serving(new TestModel(Fault.None), index);

        var health = await factory.CreateClient().HealthAsync();

        Assert.Equal(HttpStatusCode.OK, health.Code);
        Assert.Equal("healthy", health.Status);
        Assert.Equal("healthy", health.Component("vector_store"));
        Assert.Equal("TestIndex", health.Detail("vector_store"));
        Assert.Equal("test (fixture)", health.Detail("model"));
        Assert.Equal(1, index.Searches);
    }

    [Fact]
    public async Task An_item_index_that_fails_its_query_is_unhealthy_without_the_error_text()
    {
        using var factory = Serving(new TestModel(Fault.None), new TestIndex(fails: true));

        var health = await factory.CreateClient().HealthAsync();

        Assert.Equal("degraded", health.Status);
        Assert.Equal("unhealthy", health.Component("vector_store"));
        Assert.Equal("TestIndex: the query failed", health.Detail("vector_store"));
        Assert.DoesNotContain("qdrant.internal", health.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_health_flood_costs_the_session_store_one_probe_per_second()
    {
        var store = new CountingStore();
        using var factory = new SessionRecFactory().WithServices(s => s.AddSingleton<ISessionStore>(store));
        var client = factory.CreateClient();

        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.HealthAsync()).Code);
        }

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.HealthAsync()));
        Assert.Equal(1, store.Probes);

        factory.Time.Advance(TimeSpan.FromSeconds(1.5));
        await client.HealthAsync();
        await client.HealthAsync();
        Assert.Equal(2, store.Probes);
    }

    [Fact]
    public async Task A_store_that_does_not_answer_is_unhealthy_after_the_probe_timeout()
    {
        var store = new CountingStore { Hangs = true };
        using var factory = new SessionRecFactory().WithServices(s => s.AddSingleton<ISessionStore>(store));
        var client = factory.CreateClient();

        var pending = client.HealthAsync();
        await store.ProbeStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        var health = await pending;

        Assert.Equal(HttpStatusCode.OK, health.Code);
        Assert.Equal("degraded", health.Status);
        Assert.Equal("unhealthy", health.Component("session_store"));
        Assert.Equal("no answer within 1000 ms", health.Detail("session_store"));
    }

    [Fact]
    public async Task A_health_flood_during_an_outage_logs_the_change_once_not_every_request()
    {
        var store = new CountingStore { Up = false };
        using var factory = new SessionRecFactory().WithServices(s => s.AddSingleton<ISessionStore>(store));
        var client = factory.CreateClient();

        for (int i = 0; i < 10; i++)
        {
            await client.HealthAsync();
            factory.Time.Advance(TimeSpan.FromSeconds(2)); // a new probe every time
        }

        Assert.Equal(10, store.Probes);
        var warnings = factory.Logs.Lines
            .Where(l => l.Contains("Health", StringComparison.Ordinal))
            .Where(l => l.Contains(" Warning: ", StringComparison.Ordinal) || l.Contains(" Error: ", StringComparison.Ordinal))
            .ToList();
        var line = Assert.Single(warnings);
        Assert.Contains("session_store is Unhealthy: counting: unreachable", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alive_and_ready_are_plain_uncached_probes_outside_the_api()
    {
        using var factory = new SessionRecFactory();
        var client = factory.CreateClient();

        foreach (var path in new[] { "/alive", "/ready" })
        {
            var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.True(response.Headers.CacheControl?.NoStore);
        }
    }

    private static SessionRecFactory Serving(INextItemModel model, IItemIndex? index) =>
        new SessionRecFactory().WithStartup(sp =>
        {
            sp.GetRequiredService<CatalogSlot>().Publish(ItemCatalog.FromIds(Ids, "test"));
            sp.GetRequiredService<ModelSlot>().Publish(new LoadedModel(model, "fixture", index is null ? null : "TestIndex", new Dictionary<string, double>(), index));
        });

    private sealed class TestModel(Fault fault) : INextItemModel
    {
        public string Name => "test";

        public ItemVocabulary Vocabulary { get; } = new(Ids);

        public int Recommend(ReadOnlySpan<int> session, ReadOnlySpan<int> exclude, Span<ScoredItem> destination) => fault switch
        {
            Fault.Throws => throw new InvalidOperationException("/srv/models/test/weights.bin is corrupt"),
            Fault.Nothing => 0,
            _ => Write(destination, fault == Fault.NaN ? float.NaN : 0.5f),
        };

        private static int Write(Span<ScoredItem> destination, float score)
        {
            destination[0] = new ScoredItem(2, score);
            return 1;
        }
    }

    private sealed class TestIndex(bool fails) : IItemIndex
    {
        public int Searches { get; private set; }

        public int Dimension => 4;

        public int Search(ReadOnlySpan<float> query, ReadOnlySpan<int> exclude, Span<ScoredItem> destination)
        {
            Searches++;
            if (fails)
            {
                throw new HttpRequestException("qdrant.internal:6334 refused the connection");
            }

            destination[0] = new ScoredItem(1, 0.25f);
            return 1;
        }
    }

    private sealed class CountingStore : ISessionStore
    {
        private int _probes;

        public int Probes => Volatile.Read(ref _probes);

        public bool Up { get; init; } = true;

        public bool Hangs { get; init; }

        public TaskCompletionSource ProbeStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Provider => "counting";

        public ValueTask AppendAsync(SessionKey key, string itemId, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask<IReadOnlyList<string>> ReadAsync(SessionKey key, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IReadOnlyList<string>>([]);

        public ValueTask<bool> DeleteAsync(SessionKey key, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

        public ValueTask<long> CountActiveAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(0L);

        public async ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _probes);
            ProbeStarted.TrySetResult();
            if (Hangs)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return Up;
        }
    }
}
