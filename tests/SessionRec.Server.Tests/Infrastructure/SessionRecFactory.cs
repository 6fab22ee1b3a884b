using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace SessionRec.Server.Tests.Infrastructure;

/// <summary>
/// The real server in memory on a small demo shop (fast to build), with a fake clock and optional setting overrides.
/// </summary>
public sealed class SessionRecFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(UnlimitedRateLimits.Settings)
    {
        ["Model:DemoItems"] = "240",
        ["Model:DemoSessions"] = "3000",
    };

    private readonly List<Action<IServiceCollection>> _services = [];

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public CapturingLoggerProvider Logs { get; } = new();

    public SessionRecFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Keeps the real clock (for tests against a real Kestrel port, e.g. the browser test).</summary>
    public bool RealTime { get; init; }

    public SessionRecFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            if (!RealTime)
            {
                services.AddSingleton<TimeProvider>(Time);
            }

            foreach (var configure in _services)
            {
                configure(services);
            }
        });
    }
}
