using SessionRec.Redis.Tests.Infrastructure;

namespace SessionRec.Redis.Tests.Server;

/// <summary>
/// Tests that need a redis-server of their own (to kill and restart it) and one replica over it, started before each
/// test and stopped after it.
/// </summary>
public abstract class OwnRedisServerTests(string secret) : IAsyncLifetime
{
    private RedisServerProcess? _redis;
    private RedisServerFactory? _factory;

    protected string Secret { get; } = secret;

    protected RedisServerProcess Redis => _redis ?? throw new InvalidOperationException("Not initialised.");

    protected RedisServerFactory Factory => _factory ?? throw new InvalidOperationException("Not initialised.");

    public async ValueTask InitializeAsync()
    {
        _redis = await RedisServerProcess.StartAsync();
        _factory = new RedisServerFactory(_redis.EndPoint, TestConnections.UniquePrefix(), Secret);
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
