using Microsoft.Extensions.DependencyInjection;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Client.Tests;

/// <summary>A <see cref="SessionRecClient"/> from <c>AddSessionRecClient</c>, wired to an in-memory server.</summary>
internal static class ClientFixture
{
    public static (SessionRecClient Client, ServiceProvider Services) For(SessionRecFactory factory, Action<SessionRecClientOptions>? configure = null, DelegatingHandler? observer = null)
    {
        var services = new ServiceCollection();
        var builder = services.AddSessionRecClient(o =>
        {
            o.BaseAddress = factory.Server.BaseAddress;
            configure?.Invoke(o);
        });
        builder.ConfigurePrimaryHttpMessageHandler(() => factory.Server.CreateHandler());
        if (observer is not null)
        {
            // Added after the resilience handler, so it sees every attempt.
            builder.AddHttpMessageHandler(() => observer);
        }

        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<SessionRecClient>(), provider);
    }
}

/// <summary>Records the status of every attempt that reaches the server.</summary>
internal sealed class StatusRecorder : DelegatingHandler
{
    public List<int> Statuses { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        lock (Statuses)
        {
            Statuses.Add((int)response.StatusCode);
        }

        return response;
    }
}
