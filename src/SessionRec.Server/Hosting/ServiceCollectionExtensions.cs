using System.Text;
using Microsoft.Extensions.Options;
using SessionRec.Core.Catalog;
using SessionRec.Core.ColdStart;
using SessionRec.Core.Metrics;
using SessionRec.Core.Privacy;
using SessionRec.Core.Serving;
using SessionRec.Core.Sessions;
using SessionRec.Models.ModelDirectory;
using SessionRec.Redis;
using SessionRec.Redis.Catalog;
using SessionRec.Redis.Ended;
using SessionRec.Redis.Learning;
using SessionRec.Server.Configuration;
using SessionRec.Server.Health;
using SessionRec.Server.Privacy;
using SessionRec.Vectors;

namespace SessionRec.Server.Hosting;

public static class ServiceCollectionExtensions
{
    /// <summary>Options (validated at start), the session store, the learning state and the serving flows.</summary>
    public static IServiceCollection AddSessionRec(this IServiceCollection services)
    {
        services.AddValidatedOptions<SessionRetentionOptions>(SessionRetentionOptions.SectionName);
        services.AddValidatedOptions<ColdStartOptions>(ColdStartOptions.SectionName);
        services.AddValidatedOptions<RecommendationOptions>(RecommendationOptions.SectionName);
        services.AddValidatedOptions<ModelOptions>(ModelOptions.SectionName);
        services.AddValidatedOptions<CatalogOptions>(CatalogOptions.SectionName);
        services.AddValidatedOptions<PrivacyOptions>(PrivacyOptions.SectionName);
        services.AddOptions<PrivacyOptions>()
            .Validate<IOptions<SessionStoreOptions>>(
                (privacy, store) => store.Value.Provider != "redis" || !string.IsNullOrEmpty(privacy.SessionIdSecret),
                "Privacy:SessionIdSecret is required with SessionStore:Provider=redis: every replica must hash session ids with the same secret.")
            .Validate(
                privacy => privacy.PreviousSessionIdSecrets.Length == 0 || (!string.IsNullOrEmpty(privacy.SessionIdSecret) && privacy.PreviousSessionIdSecrets.All(s => s.Length >= 16)),
                "Privacy:PreviousSessionIdSecrets need a current Privacy:SessionIdSecret, and each must be at least 16 characters.");
        services.AddValidatedOptions<MetricsOptions>(MetricsOptions.SectionName);
        services.AddValidatedOptions<SessionStoreOptions>(SessionStoreOptions.SectionName);
        services.AddValidatedOptions<ItemIndexOptions>(ItemIndexOptions.SectionName);
        services.AddValidatedOptions<LearningOptions>(LearningOptions.SectionName);
        services.AddValidatedOptions<HealthOptions>(HealthOptions.SectionName);
        services.AddValidatedOptions<KnnOnlineOptions>(KnnOnlineOptions.SectionName);
        services.AddSingleton(sp => new EndedSessionWindow(sp.GetRequiredService<IOptions<KnnOnlineOptions>>().Value.MaxSessions));
        services.AddOptions<EndedSessionOptions>().Configure<IOptions<KnnOnlineOptions>>((ended, online) =>
        {
            ended.MaxSessions = online.Value.MaxSessions;
            ended.Grace = online.Value.Grace;
        });
        services.AddHostedService<RedisEndedSessionFeed>();

        services.AddSingleton(TimeProvider.System);
        services.AddTransient<IStartupFilter, RequestDeadlineStartupFilter>();
        services.AddSingleton(sp =>
        {
            var secret = sp.GetRequiredService<IOptions<PrivacyOptions>>().Value.SessionIdSecret;
            return string.IsNullOrEmpty(secret) ? SessionIdHasher.WithRandomSecret() : new SessionIdHasher(Encoding.UTF8.GetBytes(secret));
        });
        services.AddSingleton(sp => new SessionKeys(
            sp.GetRequiredService<SessionIdHasher>(),
            [.. sp.GetRequiredService<IOptions<PrivacyOptions>>().Value.PreviousSessionIdSecrets.Select(s => new SessionIdHasher(Encoding.UTF8.GetBytes(s)))],
            sp.GetRequiredService<ISessionStore>(),
            sp.GetRequiredService<ClickIngestor>()));
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddRedisLearningStateServices();
        services.AddByProvider<ISessionStore, InMemorySessionStore, RedisSessionStore>();
        services.AddByProvider<IServedRecommendationStore, InMemoryServedRecommendationStore, RedisServedRecommendationStore>();
        services.AddByProvider<ITrendingStore, InMemoryTrendingStore, RedisTrendingStore>();
        services.AddByProvider<IBanditArmStore, InMemoryBanditArmStore, RedisBanditArmStore>();
        services.AddByProvider<IMetricCounterStore, InMemoryMetricCounterStore, RedisMetricCounterStore>();
        services.AddSingleton(sp => new ThompsonSamplingBandit(
            sp.GetRequiredService<IOptions<ColdStartOptions>>(), Random.Shared, sp.GetRequiredService<IBanditArmStore>()));
        services.AddSingleton(sp => new OnlineMetrics(
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<MetricsOptions>>().Value.LatencyWindow,
            sp.GetRequiredService<IMetricCounterStore>()));

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MetricsOptions>>().Value;
            return new MetricsHistory(sp.GetRequiredService<OnlineMetrics>(), sp.GetRequiredService<TimeProvider>(), options.HistoryInterval, options.HistorySpan, options.LatencyWindow);
        });
        services.AddHostedService<MetricsSampler>();

        services.AddSingleton(ModelKindRegistry.Default);
        services.AddSingleton<ModelSlot>();
        services.AddSingleton<CatalogSlot>();
        services.AddSingleton(sp => sp.GetRequiredService<CatalogSlot>().Current);
        services.AddSingleton<ServedItemVectors>();
        services.AddSessionRecExperiments();
        services.AddSingleton<ItemIndexCatalogSync>();
        services.AddSingleton<ServedModelLoader>();
        services.AddHostedService<ServingStartup>();
        services.AddSingleton<ModelReloader>();
        services.AddSingleton<ReloadRoot>();
        services.AddHostedService<ModelDirectoryWatcher>();
        services.AddSingleton<OnlineKnnPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<OnlineKnnPublisher>());
        services.AddByProvider<ICatalogFeed, InMemoryCatalogFeed, RedisCatalogFeed>();
        services.AddSingleton<ICatalogChangeSink>(sp => sp.GetRequiredService<ItemIndexCatalogSync>());
        services.AddSingleton<CatalogWriter>();
        // After ServingStartup: it applies other replicas' writes over the seed catalog that start-up read.
        services.AddHostedService<CatalogFeedSubscription>();
        services.AddHostedService<RecommendWarmup>();

        services.AddSingleton<SourceLearningBudget>();
        services.AddSingleton<SourceItemLedger>();
        services.AddSingleton<RecommendationResolver>();
        services.AddSingleton<SessionRecommender>();
        services.AddSingleton<ClickIngestor>();
        services.AddSingleton<FeedbackProcessor>();
        services.AddSessionRecHealth();
        return services;
    }

    /// <summary>
    /// Sessions and the learning state beside them follow <c>SessionStore:Provider</c>: with Redis every replica
    /// shares them, in memory they are this process's. Chosen when first resolved (AddSessionRec gets no
    /// configuration), so memory mode needs no Redis settings and never connects.
    /// </summary>
    private static void AddByProvider<TService, TInMemory, TRedis>(this IServiceCollection services)
        where TService : class
        where TInMemory : class, TService
        where TRedis : class, TService
    {
        services.AddSingleton<TInMemory>();
        services.AddSingleton<TService>(sp => sp.GetRequiredService<IOptions<SessionStoreOptions>>().Value.Provider == "redis"
            ? sp.GetRequiredService<TRedis>()
            : sp.GetRequiredService<TInMemory>());
    }

    private static void AddValidatedOptions<T>(this IServiceCollection services, string section)
        where T : class
    {
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
    }
}
