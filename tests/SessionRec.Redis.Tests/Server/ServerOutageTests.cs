using System.Net;
using SessionRec.Redis.Tests.Infrastructure;

namespace SessionRec.Redis.Tests.Server;

/// <summary>The service over its own redis-server, which is killed mid-run and restarted on the same port.</summary>
public sealed class ServerOutageTests : IAsyncLifetime
{
    private RedisServerProcess? _redis;
    private RedisServerFactory? _factory;

    public async ValueTask InitializeAsync()
    {
        _redis = await RedisServerProcess.StartAsync();
        _factory = new RedisServerFactory(_redis.EndPoint, TestConnections.UniquePrefix(), "outage-tests-shared-secret");
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
    }

    [Fact]
    public async Task Clicks_get_503_recommendations_fall_back_to_cold_start_and_all_recovers_when_Redis_returns()
    {
        var client = _factory!.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.ClickAsync("s", "P00001")).StatusCode);

        await _redis!.KillAsync();

        var click = await client.ClickAsync("s", "P00013");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, click.StatusCode);
        Assert.Equal("application/problem+json", click.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(click.Headers.RetryAfter);

        var recommend = await client.RecommendAsync("s");
        Assert.Equal(HttpStatusCode.OK, recommend.StatusCode);
        var body = await recommend.JsonAsync();
        Assert.True(body.GetProperty("used_coldstart").GetBoolean());
        Assert.Contains("session store is unavailable", body.GetProperty("message").GetString(), StringComparison.Ordinal);

        var health = await client.HealthAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("unhealthy", (await health.JsonAsync()).GetProperty("components").GetProperty("session_store").GetString());

        await _redis.RestartAsync();
        await RedisOutageTests.WaitUntilAsync(async () => (await client.HealthAsync()).StatusCode == HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, (await client.ClickAsync("s", "P00001")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.ClickAsync("s", "P00013")).StatusCode);
        Assert.Equal("model", (await (await client.RecommendAsync("s")).JsonAsync()).GetProperty("strategy").GetString());
    }
}
