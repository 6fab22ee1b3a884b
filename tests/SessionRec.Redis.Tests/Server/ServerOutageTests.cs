using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SessionRec.Core.ColdStart;
using SessionRec.Redis.Tests.Infrastructure;

namespace SessionRec.Redis.Tests.Server;

/// <summary>The service over its own redis-server, which is killed mid-run and restarted on the same port.</summary>
public sealed class ServerOutageTests() : OwnRedisServerTests("outage-tests-shared-secret")
{
    [Fact]
    public async Task Clicks_get_503_recommendations_fall_back_to_cold_start_and_all_recovers_when_Redis_returns()
    {
        var client = Factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.ClickAsync("s", "P00001")).StatusCode);

        await Redis.KillAsync();

        var click = await client.ClickAsync("s", "P00013");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, click.StatusCode);
        Assert.Equal("application/problem+json", click.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(click.Headers.RetryAfter);

        var recommend = await client.RecommendAsync("s");
        Assert.Equal(HttpStatusCode.OK, recommend.StatusCode);
        var body = await recommend.JsonAsync();
        Assert.True(body.GetProperty("used_coldstart").GetBoolean());
        Assert.Contains("session store is unavailable", body.GetProperty("message").GetString(), StringComparison.Ordinal);

        // Recommendations still flow, so the replica must stay in the load balancer: 200 degraded, ready, alive.
        var health = await client.HealthAsync();
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var healthBody = await health.JsonAsync();
        Assert.Equal("degraded", healthBody.GetProperty("status").GetString());
        Assert.Equal("unhealthy", healthBody.GetProperty("components").GetProperty("session_store").GetString());
        Assert.Equal("redis: unreachable", healthBody.GetProperty("details").GetProperty("session_store").GetString());
        Assert.Equal("healthy", healthBody.GetProperty("components").GetProperty("model").GetString());
        Assert.Equal(HttpStatusCode.OK, await client.ProbeAsync("/ready"));
        Assert.Equal(HttpStatusCode.OK, await client.ProbeAsync("/alive"));

        await Redis.RestartAsync();
        await RedisOutageTests.WaitUntilAsync(async () =>
            (await (await client.HealthAsync()).JsonAsync()).GetProperty("status").GetString() == "healthy");

        Assert.Equal(HttpStatusCode.OK, (await client.ClickAsync("s", "P00001")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.ClickAsync("s", "P00013")).StatusCode);
        Assert.Equal("model", (await (await client.RecommendAsync("s")).JsonAsync()).GetProperty("strategy").GetString());
    }

    [Fact]
    public async Task During_an_outage_cold_start_serves_the_last_trending_list_this_replica_read_and_says_so()
    {
        var factory = Factory.With("ColdStart:Candidates", "10");
        var client = factory.CreateClient();
        // A first visitor's cold start reads trending from Redis (seeded from the demo's training clicks).
        Assert.Equal(HttpStatusCode.OK, (await client.RecommendAsync("first")).StatusCode);
        var trending = factory.Services.GetRequiredService<ITrendingStore>();
        var known = await trending.TopAsync(10, TestContext.Current.CancellationToken);
        Assert.Equal(10, known.Count);

        await Redis.KillAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.2), TestContext.Current.CancellationToken); // past the store's 1 s read cache

        var response = await client.RecommendAsync("second");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.True(body.GetProperty("used_coldstart").GetBoolean());
        string[] served = [.. body.GetProperty("recommendations").EnumerateArray().Select(e => e.GetString()!)];
        // The bandit ranks exactly the ten candidates it knew (catalog order would be P00001…P00010).
        Assert.Equal(known.Order(StringComparer.Ordinal), served.Order(StringComparer.Ordinal));
        Assert.Contains("last known list: the shared store is unreachable", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replica_started_while_Redis_is_down_serves_cold_start_from_its_seed_and_reports_degraded()
    {
        await Redis.KillAsync();
        await using var factory = new RedisServerFactory(Redis.EndPoint, TestConnections.UniquePrefix(), Secret)
            .With("ColdStart:Candidates", "10");
        var client = factory.CreateClient();

        var response = await client.RecommendAsync("s");
        var health = await client.HealthAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        string[] served = [.. body.GetProperty("recommendations").EnumerateArray().Select(e => e.GetString()!)];
        var seed = await factory.Services.GetRequiredService<ITrendingStore>().TopAsync(10, TestContext.Current.CancellationToken);
        Assert.Equal(seed.Order(StringComparer.Ordinal), served.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("P00001", seed); // the seed is the training clicks' top, not catalog order
        Assert.Contains("last known list", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("degraded", (await health.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, await client.ProbeAsync("/ready"));
    }
}
