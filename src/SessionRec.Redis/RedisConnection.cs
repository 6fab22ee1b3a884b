using StackExchange.Redis;

namespace SessionRec.Redis;

/// <summary>Turns <see cref="RedisOptions"/> into a multiplexer that fails fast and heals by itself.</summary>
public static class RedisConnection
{
    public static ConfigurationOptions Configure(RedisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = ConfigurationOptions.Parse(options.ConnectionString);

        // Redis down at start must not stop the service: it answers cold start and 503s until Redis is back.
        config.AbortOnConnectFail = false;
        config.ConnectTimeout = Milliseconds(options.ConnectTimeout);
        config.SyncTimeout = Milliseconds(options.OperationTimeout);
        config.AsyncTimeout = Milliseconds(options.OperationTimeout);

        // Queuing commands while disconnected would make every click wait the whole timeout during an outage;
        // failing at once gives the client its 503 + Retry-After immediately.
        config.BacklogPolicy = BacklogPolicy.FailFast;

        // The default backoff grows to many seconds; a steady retry brings the store back soon after Redis returns,
        // and one connect attempt per second per replica costs nothing.
        config.ReconnectRetryPolicy = new LinearRetry(1000);
        config.ClientName ??= "sessionrec";
        return config;
    }

    public static IConnectionMultiplexer Connect(RedisOptions options) => ConnectionMultiplexer.Connect(Configure(options));

    private static int Milliseconds(TimeSpan span) => checked((int)Math.Ceiling(span.TotalMilliseconds));
}
