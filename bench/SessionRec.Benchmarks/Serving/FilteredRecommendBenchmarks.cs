using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using SessionRec.Core.Catalog;
using SessionRec.Core.ColdStart;
using SessionRec.Core.Metrics;
using SessionRec.Core.Privacy;
using SessionRec.Core.Ranking;
using SessionRec.Core.Serving;
using SessionRec.Core.Sessions;
using SessionRec.Models.Demo;
using SessionRec.Models.Knn;
using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Sasrec;

namespace SessionRec.Benchmarks.Serving;

/// <summary>
/// The recommend flow in process with and without a category filter (issue 11): one category of 12 allowed, applied as
/// a mask inside ranking. V-SKNN on the demo shop (1,200 items), and SASRec of the 12,101-item shape (random weights,
/// as <see cref="SasrecServingBenchmarks"/>) on the exact index; 5-click session, k = 10.
/// </summary>
[MemoryDiagnoser]
public class FilteredRecommendBenchmarks
{
    private static readonly string[] Categories =
        ["skincare", "makeup", "haircare", "fragrance", "nails", "bath", "tools", "men", "suncare", "wellness", "kids", "gifts"];

    private readonly RecommendationFilter _oneCategory = new(Categories: new HashSet<string>(StringComparer.Ordinal) { "makeup" });
    private SessionRecommender _recommender = null!;
    private InMemorySessionStore _store = null!;
    private InMemoryServedRecommendationStore _served = null!;
    private IDisposable? _model;
    private string? _temporary;
    private SessionKey _session;

    [Params("vsknn-demo", "sasrec-12k")]
    public string Model { get; set; } = "vsknn-demo";

    [GlobalSetup]
    public void Setup()
    {
        INextItemModel model;
        ItemCatalog catalog;
        if (Model == "vsknn-demo")
        {
            var demo = DemoDataGenerator.Generate();
            model = new VsknnModel(demo.Sessions.Vocabulary, demo.Sessions.Sequences);
            catalog = new ItemCatalog(demo.Catalog, "demo");
        }
        else
        {
            _temporary = Directory.CreateTempSubdirectory("filtered-bench").FullName;
            SasrecServingBenchmarks.WriteRandomModel(_temporary, items: 12_101);
            var vocabulary = ModelFiles.ReadItems(_temporary);
            var sasrec = SasrecArtifact.Load(_temporary, vocabulary);
            _model = sasrec;
            model = sasrec;
            catalog = new ItemCatalog(vocabulary.Ids.Select((id, i) => new CatalogItem(id, id, Categories[i % Categories.Length], new Dictionary<string, string>())), "bench");
        }

        var time = TimeProvider.System;
        var retention = Options.Create(new SessionRetentionOptions());
        var coldStart = Options.Create(new ColdStartOptions());
        _store = new InMemorySessionStore(retention, time);
        _served = new InMemoryServedRecommendationStore(retention, time);
        var trending = new InMemoryTrendingStore(coldStart, time);
        trending.Seed(catalog.Ids.Take(200).Select((id, i) => new KeyValuePair<string, double>(id, 200 - i)));
        var slot = new ModelSlot();
        slot.Publish(new LoadedModel(model, Model, ItemIndex: null, new Dictionary<string, double>()));
        _recommender = new SessionRecommender(_store, slot, catalog, trending,
            new ThompsonSamplingBandit(coldStart, Random.Shared, new InMemoryBanditArmStore()), _served,
            new OnlineMetrics(time, TimeSpan.FromMinutes(5)), time, Options.Create(new RecommendationOptions()), coldStart);
        _session = SessionIdHasher.WithRandomSecret().Hash("bench");
        var ids = catalog.Ids.ToArray();
        foreach (int i in new[] { 0, 12, 24, 36, 48 })
        {
            _store.AppendClickAsync(_session, ids[i], null).AsTask().GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _served.Dispose();
        _model?.Dispose();
        if (_temporary is not null)
        {
            Directory.Delete(_temporary, recursive: true);
        }
    }

    [Benchmark(Baseline = true, Description = "recommend k=10, no filter")]
    public async Task<int> Unfiltered() => (await _recommender.RecommendAsync(_session, 10)).Items.Count;

    [Benchmark(Description = "recommend k=10, one category of 12")]
    public async Task<int> CategoryFilter() => (await _recommender.RecommendAsync(_session, 10, _oneCategory)).Items.Count;
}
