using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SessionRec.Core.Sessions;
using SessionRec.Redis.Tests.Infrastructure;

namespace SessionRec.Redis.Tests;

public sealed class RedisServiceCollectionTests(RedisStandalone redis)
{
    [Fact]
    public async Task AddRedisSessionStore_replaces_the_session_store_with_the_configured_Redis_one()
    {
        await using var provider = Services(("Redis:ConnectionString", redis.ConnectionString), ("Redis:KeyPrefix", TestConnections.UniquePrefix()));

        provider.GetRequiredService<IStartupValidator>().Validate();
        var store = provider.GetRequiredService<ISessionStore>();

        Assert.IsType<RedisSessionStore>(store);
        Assert.True(await store.IsHealthyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AddRedisSessionStore_validates_the_settings_at_start()
    {
        await using var provider = Services(("Redis:OperationTimeout", "00:00:00.5"));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Redis:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddOptions<SessionRetentionOptions>();
        services.AddSingleton<ISessionStore>(_ => throw new InvalidOperationException("the in-memory store should have been replaced"));
        services.AddRedisSessionStore(configuration);
        return services.BuildServiceProvider();
    }
}
