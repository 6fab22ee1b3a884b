using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SessionRec.Redis.Learning;

public static class RedisLearningServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Redis-backed learning stores (served recommendations, bandit arms, trending, counters) without
    /// making them the defaults, for hosts that pick from configuration at run time; they share the session store's
    /// connection and "Redis" options.
    /// </summary>
    public static IServiceCollection AddRedisLearningStateServices(this IServiceCollection services)
    {
        services.AddRedisSessionStoreServices();
        services.AddOptions<LearningStateOptions>().BindConfiguration(LearningStateOptions.SectionName).ValidateDataAnnotations();
        services.TryAddSingleton<RedisServedRecommendationStore>();
        services.TryAddSingleton<RedisBanditArmStore>();
        services.TryAddSingleton<RedisTrendingStore>();
        services.TryAddSingleton<RedisMetricCounterStore>();
        services.TryAddSingleton<Catalog.RedisCatalogFeed>();
        return services;
    }
}
