using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using SessionRec.Core.Catalog;
using SessionRec.Core.ColdStart;
using SessionRec.Core.Metrics;
using SessionRec.Core.Privacy;
using SessionRec.Core.Serving;
using SessionRec.Core.Sessions;
using SessionRec.Models.Demo;
using SessionRec.Models.Knn;

namespace SessionRec.Benchmarks.Serving;

/// <summary>
/// The recommend and click flows in process (no HTTP): in-memory store, session-kNN on the demo shop. Memory
/// diagnoser reports bytes allocated per call; the HTTP layer adds its own (see bench/load for end-to-end figures).
/// </summary>
[MemoryDiagnoser]
public class RecommendBenchmarks
{
    private SessionRecommender _recommender = null!;
    private ClickIngestor _clicks = null!;
    private SessionKey _warm;
    private SessionKey _cold;
    private InMemorySessionStore _store = null!;
    private InMemoryServedRecommendationStore _ledger = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var demo = DemoDataGenerator.Generate();
        var time = TimeProvider.System;
        var sessions = Options.Create(new SessionRetentionOptions());
        var coldStart = Options.Create(new ColdStartOptions());
        _store = new InMemorySessionStore(sessions, time);
        _ledger = new InMemoryServedRecommendationStore(sessions, time);
        var trending = new InMemoryTrendingStore(coldStart, time);
        var bandit = new ThompsonSamplingBandit(coldStart, Random.Shared, new InMemoryBanditArmStore());
        var metrics = new OnlineMetrics(time, TimeSpan.FromMinutes(5));
        var slot = new ModelSlot();
        slot.Publish(new LoadedModel(new VsknnModel(demo.Sessions.Vocabulary, demo.Sessions.Sequences), "demo", ItemIndex: null, new Dictionary<string, double>()));
        var catalog = new ItemCatalog(demo.Catalog, "demo");
        trending.Seed(demo.Catalog.Take(200).Select((c, i) => new KeyValuePair<string, double>(c.ItemId, 200 - i)));
        _recommender = new SessionRecommender(_store, slot, catalog, trending, bandit, _ledger, metrics, time,
            Options.Create(new RecommendationOptions()), coldStart);
        var learning = Options.Create(new LearningOptions());
        var budget = new SourceLearningBudget(learning, time);
        var sources = new SourceItemLedger(learning, time);
        _clicks = new ClickIngestor(_store, _ledger, new RecommendationResolver(metrics, bandit, _store, budget, sources, coldStart), trending, budget, sources, metrics);
        var hasher = SessionIdHasher.WithRandomSecret();
        _warm = hasher.Hash("warm");
        _cold = hasher.Hash("cold");
        foreach (var item in new[] { "P00001", "P00013", "P00025", "P00037", "P00049" })
        {
            _clicks.IngestAsync(_warm, item).AsTask().GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _ledger.Dispose();
    }

    [Benchmark(Description = "recommend k=10, 5-click session (V-SKNN)")]
    public async Task<int> RecommendModel() => (await _recommender.RecommendAsync(_warm, 10)).Items.Count;

    [Benchmark(Description = "recommend k=10, empty session (Thompson sampling)")]
    public async Task<int> RecommendColdStart() => (await _recommender.RecommendAsync(_cold, 10)).Items.Count;

    [Benchmark(Description = "click (append, resolve, trending)")]
    public async Task Click()
    {
        _next = (_next + 1) % 1000;
        await _clicks.IngestAsync(_warm, $"P{(_next % 1200) + 1:D5}");
    }
}
