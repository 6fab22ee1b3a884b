using StackExchange.Redis;

namespace SessionRec.Redis.Tests.Infrastructure;

/// <summary>One standalone redis-server for the whole run; tests keep apart by using their own key prefix.</summary>
public sealed class RedisStandalone : IAsyncLifetime
{
    private RedisServerProcess? _server;
    private IConnectionMultiplexer? _connection;

    public RedisServerProcess Server => _server ?? throw new InvalidOperationException("Not started.");

    public string ConnectionString => Server.EndPoint;

    /// <summary>Shared by the stores of all tests, as one service process shares one multiplexer.</summary>
    public IConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        _server = await RedisServerProcess.StartAsync();
        _connection = await TestConnections.ConnectAsync(ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
