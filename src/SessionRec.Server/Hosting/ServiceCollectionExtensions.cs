using System.Text;
using Microsoft.Extensions.Options;
using SessionRec.Core.Catalog;
using SessionRec.Core.ColdStart;
using SessionRec.Core.Metrics;
using SessionRec.Core.Privacy;
using SessionRec.Core.Serving;
using SessionRec.Core.Sessions;
using SessionRec.Server.Configuration;

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
        services.AddValidatedOptions<MetricsOptions>(MetricsOptions.SectionName);
        services.AddValidatedOptions<SessionStoreOptions>(SessionStoreOptions.SectionName);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var secret = sp.GetRequiredService<IOptions<PrivacyOptions>>().Value.SessionIdSecret;
            return string.IsNullOrEmpty(secret) ? SessionIdHasher.WithRandomSecret() : new SessionIdHasher(Encoding.UTF8.GetBytes(secret));
        });
        services.AddSingleton<ISessionStore, InMemorySessionStore>();
        services.AddSingleton<ServedRecommendationLedger>();
        services.AddSingleton<TrendingItems>();
        services.AddSingleton(sp => new ThompsonSamplingBandit(sp.GetRequiredService<IOptions<ColdStartOptions>>(), Random.Shared));
        services.AddSingleton(sp => new OnlineMetrics(
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<MetricsOptions>>().Value.LatencyWindow));

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MetricsOptions>>().Value;
            return new MetricsHistory(sp.GetRequiredService<OnlineMetrics>(), sp.GetRequiredService<TimeProvider>(), options.HistoryInterval, options.HistorySpan);
        });
        services.AddHostedService<MetricsSampler>();

        services.AddSingleton<ServingBootstrap>();
        services.AddSingleton(sp => sp.GetRequiredService<ServingBootstrap>().ModelSlot);
        services.AddSingleton<ItemCatalog>(sp => sp.GetRequiredService<ServingBootstrap>().Catalog);
        services.AddHostedService<ServingWarmup>();

        services.AddSingleton<RecommendationResolver>();
        services.AddSingleton<SessionRecommender>();
        services.AddSingleton<ClickIngestor>();
        services.AddSingleton<FeedbackProcessor>();
        return services;
    }

    private static void AddValidatedOptions<T>(this IServiceCollection services, string section)
        where T : class
    {
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
    }
}
