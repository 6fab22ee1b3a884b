using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SessionRec.Redis.Tests.Infrastructure;

namespace SessionRec.Redis.Tests.Server;

/// <summary>
/// One service replica in memory with <c>SessionStore:Provider=redis</c>, on the small demo shop, with the real clock
/// (Redis expires keys in real time). Replicas built with the same prefix and secret share their sessions.
/// </summary>
public sealed class RedisServerFactory(string connectionString, string keyPrefix, string secret) : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _overrides = [];
    private readonly FakeLoggerProvider _logs = new();

    /// <summary>What the replica logged.</summary>
    public FakeLogCollector Logs => _logs.Collector;

    public RedisServerFactory With(string key, string? value)
    {
        _overrides[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>(UnlimitedRateLimits.Settings)
        {
            ["Model:DemoItems"] = "240",
            ["Model:DemoSessions"] = "3000",
            ["SessionStore:Provider"] = "redis",
            ["Redis:ConnectionString"] = connectionString,
            ["Redis:KeyPrefix"] = keyPrefix,
            ["Redis:OperationTimeout"] = TestConnections.OperationTimeout.ToString(),
            ["Redis:ConnectTimeout"] = "00:00:02",
            ["Privacy:SessionIdSecret"] = secret,
        };
        foreach (var (key, value) in _overrides)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(_logs));
    }
}
