using Microsoft.Extensions.Options;
using SessionRec.Core.Sessions;
using SessionRec.Redis.Ended;
using SessionRec.Redis.Learning;
using StackExchange.Redis;

namespace SessionRec.Redis.Tests.Infrastructure;

/// <summary>Connections and stores configured exactly as the service configures them.</summary>
internal static class TestConnections
{
    public static readonly TimeSpan OperationTimeout = TimeSpan.FromMilliseconds(500);

    public static RedisOptions Options(string connectionString, string? prefix = null) => new()
    {
        ConnectionString = connectionString,
        KeyPrefix = prefix ?? UniquePrefix(),
        OperationTimeout = OperationTimeout,
        ConnectTimeout = TimeSpan.FromSeconds(2),
    };

    public static async Task<IConnectionMultiplexer> ConnectAsync(string connectionString) =>
        await ConnectionMultiplexer.ConnectAsync(RedisConnection.Configure(Options(connectionString)));

    public static RedisSessionStore Store(
        IConnectionMultiplexer connection, RedisOptions options, int maxClicks = 50, TimeSpan? ttl = null, EndedSessionOptions? ended = null) =>
        new(connection, Microsoft.Extensions.Options.Options.Create(options), Retention(maxClicks, ttl), ended is null ? null : Microsoft.Extensions.Options.Options.Create(ended));

    /// <summary>A replica's view of the ended-session stream, configured as the service configures it.</summary>
    public static RedisEndedSessionStream EndedStream(IConnectionMultiplexer connection, RedisOptions options, TimeSpan ttl, EndedSessionOptions ended) =>
        new(connection, Microsoft.Extensions.Options.Options.Create(options), Retention(50, ttl), Microsoft.Extensions.Options.Options.Create(ended),
            Microsoft.Extensions.Options.Options.Create(new LearningStateOptions()));

    private static IOptions<SessionRetentionOptions> Retention(int maxClicks, TimeSpan? ttl) =>
        Microsoft.Extensions.Options.Options.Create(new SessionRetentionOptions { MaxClicks = maxClicks, Ttl = ttl ?? TimeSpan.FromMinutes(30) });

    public static string UniquePrefix() => "t" + Guid.NewGuid().ToString("N")[..12];
}
