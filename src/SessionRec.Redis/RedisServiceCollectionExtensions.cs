using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SessionRec.Core.Sessions;
using StackExchange.Redis;

namespace SessionRec.Redis;

public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// Makes <see cref="RedisSessionStore"/> the <see cref="ISessionStore"/>, with <see cref="RedisOptions"/> bound from
    /// the "Redis" section and validated when the host starts.
    /// </summary>
    public static IServiceCollection AddRedisSessionStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RedisOptions>()
            .Bind(configuration.GetSection(RedisOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        AddStore(services);
        services.Replace(ServiceDescriptor.Singleton<ISessionStore>(sp => sp.GetRequiredService<RedisSessionStore>()));
        return services;
    }

    /// <summary>
    /// Registers <see cref="RedisSessionStore"/> without making it the <see cref="ISessionStore"/>, for hosts that pick
    /// the store from configuration at run time. Nothing connects and the options (bound from the host's "Redis"
    /// section) are validated only when the store is first resolved, so a host that never selects Redis needs no
    /// Redis settings.
    /// </summary>
    public static IServiceCollection AddRedisSessionStoreServices(this IServiceCollection services)
    {
        services.AddOptions<RedisOptions>()
            .BindConfiguration(RedisOptions.SectionName)
            .ValidateDataAnnotations();
        AddStore(services);
        return services;
    }

    private static void AddStore(IServiceCollection services)
    {
        // TryAdd: other Redis-backed components of the same host should share this one multiplexer.
        services.TryAddSingleton<IConnectionMultiplexer>(sp => RedisConnection.Connect(sp.GetRequiredService<IOptions<RedisOptions>>().Value));
        services.TryAddSingleton<RedisSessionStore>();
        services.AddOptions<Ended.EndedSessionOptions>();
        services.TryAddSingleton<Ended.RedisEndedSessionStream>();
    }
}
