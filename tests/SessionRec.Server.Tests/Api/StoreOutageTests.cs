using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SessionRec.Core.Privacy;
using SessionRec.Core.Sessions;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Api;

/// <summary>What clients see while the session store is unreachable (any backend that reports it as unavailable).</summary>
public sealed class StoreOutageTests : IDisposable
{
    private readonly SessionRecFactory _factory = new SessionRecFactory().WithServices(s => s.AddSingleton<ISessionStore, UnavailableStore>());

    [Fact]
    public async Task A_click_is_refused_with_503_and_Retry_After_so_the_client_knows_it_was_not_stored()
    {
        var response = await _factory.CreateClient().ClickAsync("s", "P00001");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal(0, (await _factory.CreateClient().MetricsAsync()).GetProperty("clicks_total").GetInt64());
    }

    [Fact]
    public async Task Recommendations_keep_coming_from_cold_start_and_say_why()
    {
        var rec = await _factory.CreateClient().RecommendAsync("s");

        Assert.True(rec.GetProperty("used_coldstart").GetBoolean());
        Assert.Equal(10, rec.GetProperty("recommendations").GetArrayLength());
        Assert.Contains("session store is unavailable", rec.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_is_refused_with_503_and_health_reports_the_store_down_but_the_replica_still_ready()
    {
        var client = _factory.CreateClient();
        var delete = await client.DeleteAsync("/api/v1/sessions/s", TestContext.Current.CancellationToken);
        var health = await client.HealthAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, delete.StatusCode);
        Assert.NotNull(delete.Headers.RetryAfter);
        // Recommendations still flow, so a load balancer must keep this replica: 200 degraded, not 503.
        Assert.Equal(HttpStatusCode.OK, health.Code);
        Assert.Equal("degraded", health.Status);
        Assert.Equal("unhealthy", health.Component("session_store"));
        Assert.Equal(HttpStatusCode.OK, await client.ProbeAsync("/ready"));
    }

    public void Dispose() => _factory.Dispose();

    private sealed class UnavailableStore : ISessionStore
    {
        public string Provider => "unavailable";

        public ValueTask AppendAsync(SessionKey key, string itemId, CancellationToken cancellationToken = default) => throw new SessionStoreUnavailableException("down");

        public ValueTask<IReadOnlyList<string>> ReadAsync(SessionKey key, CancellationToken cancellationToken = default) => throw new SessionStoreUnavailableException("down");

        public ValueTask<bool> DeleteAsync(SessionKey key, CancellationToken cancellationToken = default) => throw new SessionStoreUnavailableException("down");

        public ValueTask<long> CountActiveAsync(CancellationToken cancellationToken = default) => throw new SessionStoreUnavailableException("down");

        public ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(false);
    }
}
