using System.Net;
using Microsoft.Extensions.Options;
using SessionRec.Redis.Tests.Infrastructure;

namespace SessionRec.Redis.Tests.Server;

/// <summary>Two service replicas behind an imaginary load balancer, sharing one Redis and one session-id secret.</summary>
public sealed class ReplicaTests(RedisStandalone redis) : IDisposable
{
    private const string Secret = "replica-tests-shared-secret";
    private readonly string _prefix = TestConnections.UniquePrefix();
    private readonly List<RedisServerFactory> _factories = [];

    [Fact]
    public async Task Clicks_through_one_replica_are_seen_by_recommendations_from_the_other()
    {
        var first = Replica().CreateClient();
        var second = Replica().CreateClient();

        var cold = await (await second.RecommendAsync("shopper-1")).JsonAsync();
        Assert.Equal("coldstart", cold.GetProperty("strategy").GetString());

        // One click is enough for the model (ColdStart:MinClicksForModel 1), once the other replica has seen it.
        Assert.Equal(HttpStatusCode.OK, (await first.ClickAsync("shopper-1", "P00001")).StatusCode);
        var warm = await (await second.RecommendAsync("shopper-1")).JsonAsync();
        Assert.Equal("model", warm.GetProperty("strategy").GetString());
        Assert.DoesNotContain("P00001", warm.GetProperty("recommendations").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Health_names_redis_as_the_session_store()
    {
        var response = await Replica().CreateClient().HealthAsync();
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("redis", body.GetProperty("details").GetProperty("session_store").GetString());
        Assert.Equal("healthy", body.GetProperty("components").GetProperty("session_store").GetString());
    }

    [Fact]
    public void Selecting_redis_without_a_connection_string_fails_at_start()
    {
        var factory = Replica().With("Redis:ConnectionString", "");

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        // WebApplicationFactory can lose the race with the failing host's disposal and throw ObjectDisposedException
        // instead of the validation error; the host has logged the real cause by then, so the log is the second witness.
        var cause = error as OptionsValidationException
            ?? factory.Logs.GetSnapshot().Select(r => r.Exception).OfType<OptionsValidationException>().FirstOrDefault();
        Assert.True(cause is not null, error.ToString());
        Assert.Contains("Redis:ConnectionString", cause.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var factory in _factories)
        {
            factory.Dispose();
        }
    }

    private RedisServerFactory Replica()
    {
        var factory = new RedisServerFactory(redis.ConnectionString, _prefix, Secret);
        _factories.Add(factory);
        return factory;
    }
}
