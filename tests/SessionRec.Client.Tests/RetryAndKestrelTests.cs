using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Client.Tests;

/// <summary>429 retried after Retry-After through the resilience handler; the client over a real Kestrel port.</summary>
public sealed class RetryAndKestrelTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // One click per second per session, no burst: the second click of a session in a row is answered 429.
    private static SessionRecFactory SlowSessions() => new SessionRecFactory { RealTime = true }
        .With("RateLimits:PerSession:PermitsPerSecond", "1").With("RateLimits:PerSession:Burst", "1");

    [Fact]
    public async Task A_429_is_retried_after_Retry_After_and_then_succeeds()
    {
        using var factory = SlowSessions();
        var attempts = new StatusRecorder();
        var (client, services) = ClientFixture.For(factory, observer: attempts);
        await using var scope = services;

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal("success", (await client.ClickAsync("busy", "P00001", cancellationToken: Ct)).Status);
        }

        Assert.Contains(429, attempts.Statuses);
        Assert.Equal(3, attempts.Statuses.Count(s => s == 200));
    }

    [Fact]
    public async Task Without_retries_the_429_surfaces_with_its_Retry_After()
    {
        using var factory = SlowSessions();
        var (client, services) = ClientFixture.For(factory, o => o.MaxRetries = 0);
        await using var scope = services;

        await client.ClickAsync("busy", "P00001", cancellationToken: Ct);
        var limited = await Assert.ThrowsAsync<SessionRecApiException>(() => client.ClickAsync("busy", "P00001", cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.RetryAfter);
        Assert.True(limited.RetryAfter >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task The_client_works_over_a_real_Kestrel_port()
    {
        using var factory = new SessionRecFactory { RealTime = true };
        factory.UseKestrel(0);
        factory.StartServer();
        var services = new ServiceCollection();
        services.AddSessionRecClient(o => o.BaseAddress = factory.ClientOptions.BaseAddress);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<SessionRecClient>();

        await client.ClickAsync("kestrel", "P00001", cancellationToken: Ct);
        var next = await client.RecommendAsync("kestrel", 4, Ct);

        Assert.StartsWith("http://127.0.0.1:", factory.ClientOptions.BaseAddress.ToString(), StringComparison.Ordinal);
        Assert.Equal(4, next.Items.Count);
        Assert.Equal("model", next.Strategy);
    }
}
