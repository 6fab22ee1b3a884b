using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SessionRec.Core.Catalog;
using SessionRec.Core.ColdStart;
using SessionRec.Core.Metrics;
using SessionRec.Core.Privacy;
using SessionRec.Core.Ranking;
using SessionRec.Core.Serving;
using SessionRec.Core.Sessions;

namespace SessionRec.Core.Tests.Support;

/// <summary>
/// The click, recommend and feedback flows wired in process on the in-memory stores, over a shop of 200 items whose
/// trending counts fall off like real popularity (item i000 hottest, i199 barely clicked).
/// </summary>
internal sealed class ServingPipeline : IDisposable
{
    public const int Items = 200;

    private readonly SessionIdHasher _hasher = SessionIdHasher.WithRandomSecret();

    public ServingPipeline(INextItemModel? model = null, int maxActive = 1_000_000, int maxPending = 500_000, Random? random = null)
    {
        Time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var retention = Options.Create(new SessionRetentionOptions { MaxActive = maxActive });
        var coldStart = Options.Create(new ColdStartOptions());
        var recommendations = Options.Create(new RecommendationOptions { MaxPending = maxPending });
        Sessions = new InMemorySessionStore(retention, Time);
        Served = new InMemoryServedRecommendationStore(retention, recommendations, Time);
        Trending = new InMemoryTrendingStore(coldStart, Time);
        Arms = new InMemoryBanditArmStore();
        var bandit = new ThompsonSamplingBandit(coldStart, random ?? new Random(7), Arms);
        Metrics = new OnlineMetrics(Time, TimeSpan.FromMinutes(5));
        Catalog = ItemCatalog.FromIds(ItemIds, "test");
        var slot = Slot = new ModelSlot();
        if (model is not null)
        {
            slot.Publish(new LoadedModel(model, "test", null, new Dictionary<string, double>()));
        }

        Trending.Seed(ItemIds.Select((id, i) => new KeyValuePair<string, double>(id, 1000.0 / (i + 1))));
        Recommender = new SessionRecommender(Sessions, slot, Catalog, Trending, bandit, Served, Metrics, Time, recommendations, coldStart);
        var learning = Options.Create(new LearningOptions());
        var budget = new SourceLearningBudget(learning, Time);
        var sources = new SourceItemLedger(learning, Time);
        var resolver = new RecommendationResolver(Metrics, bandit, Sessions, budget, sources, coldStart);
        Clicks = new ClickIngestor(Sessions, Served, resolver, Trending, budget, sources, Metrics);
        Feedback = new FeedbackProcessor(Served, resolver, Metrics);
    }

    public static IReadOnlyList<string> ItemIds { get; } = [.. Enumerable.Range(0, Items).Select(i => $"i{i:D3}")];

    public FakeTimeProvider Time { get; }

    public ModelSlot Slot { get; }

    public InMemorySessionStore Sessions { get; }

    public InMemoryServedRecommendationStore Served { get; }

    public InMemoryTrendingStore Trending { get; }

    public InMemoryBanditArmStore Arms { get; }

    public OnlineMetrics Metrics { get; }

    public ItemCatalog Catalog { get; }

    public SessionRecommender Recommender { get; }

    public ClickIngestor Clicks { get; }

    public FeedbackProcessor Feedback { get; }

    public SessionKey Key(string sessionId) => _hasher.Hash(sessionId);

    public ValueTask<RecommendationResult> RecommendAsync(string sessionId, int k = 10) => Recommender.RecommendAsync(Key(sessionId), k);

    public ValueTask<bool> ClickAsync(string sessionId, string item, string? eventId = null, string? source = null) =>
        Clicks.IngestAsync(Key(sessionId), item, eventId, source);

    /// <summary>Share of fresh visitors' cold-start slates that satisfy <paramref name="test"/>.</summary>
    public async Task<double> ShareOfNewSlatesAsync(Func<IReadOnlyList<string>, bool> test, int visitors = 500)
    {
        int matching = 0;
        for (int i = 0; i < visitors; i++)
        {
            var slate = await RecommendAsync($"visitor-{Guid.NewGuid():N}");
            Assert.True(slate.UsedColdStart);
            matching += test(slate.Items) ? 1 : 0;
        }

        return (double)matching / visitors;
    }

    public void Dispose()
    {
        Sessions.Dispose();
        Served.Dispose();
    }
}
