using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SessionRec.Core.ColdStart;
using SessionRec.Redis.Tests.Infrastructure;

namespace SessionRec.Redis.Tests.Server;

/// <summary>Replicas on one Redis learn together: served records, bandit and counters are shared.</summary>
public sealed class SharedLearningTests(RedisStandalone redis) : IDisposable
{
    private const string Secret = "shared-learning-tests-secret";
    private readonly string _prefix = TestConnections.UniquePrefix();
    private readonly List<RedisServerFactory> _factories = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Feedback_through_either_replica_moves_the_same_bandit_and_both_report_the_same_metrics()
    {
        var first = Replica();
        var second = Replica();
        var a = first.CreateClient();
        var b = second.CreateClient();

        // Served through A, resolved by feedback through B: B finds A's record.
        var served = await (await a.RecommendAsync("learner-1")).JsonAsync();
        string id = served.GetProperty("recommendation_id").GetString()!;
        string clicked = served.GetProperty("recommendations")[0].GetString()!;
        var feedback = await (await b.PostAsJsonAsync("/api/v1/feedback", new { session_id = "learner-1", recommendation_id = id, clicked_item = clicked }, Ct)).JsonAsync();
        Assert.True(feedback.GetProperty("counted").GetBoolean());
        Assert.True(feedback.GetProperty("hit").GetBoolean());

        // Served through B, resolved by the next click through A.
        var again = await (await b.RecommendAsync("learner-2")).JsonAsync();
        await a.ClickAsync("learner-2", again.GetProperty("recommendations")[0].GetString()!);

        var arms = first.Services.GetRequiredService<IBanditArmStore>();
        var fromB = second.Services.GetRequiredService<IBanditArmStore>();
        Assert.Equal((await arms.GetAsync([clicked], Ct))[0], (await fromB.GetAsync([clicked], Ct))[0]);
        Assert.True((await arms.GetAsync([clicked], Ct))[0].Successes >= 1);

        var metricsA = await WaitForResolvedAsync(a, 2);
        var metricsB = await WaitForResolvedAsync(b, 2);
        foreach (var field in new[] { "total_requests", "clicks_total", "feedback_total", "resolved_recommendations", "hits", "hit_rate_at_10" })
        {
            Assert.Equal(metricsA.GetProperty(field).GetDouble(), metricsB.GetProperty(field).GetDouble());
        }

        Assert.Equal(2, metricsA.GetProperty("total_requests").GetInt64());
        Assert.Equal(100.0, metricsA.GetProperty("hit_rate_at_10").GetDouble());
    }

    public void Dispose()
    {
        foreach (var factory in _factories)
        {
            factory.Dispose();
        }
    }

    private static async Task<System.Text.Json.JsonElement> WaitForResolvedAsync(HttpClient client, long resolved)
    {
        // Counter increments are fire-and-forget: allow them a moment to land.
        for (int attempt = 0; ; attempt++)
        {
            var metrics = await (await client.GetAsync("/api/v1/metrics", Ct)).JsonAsync();
            if (metrics.GetProperty("resolved_recommendations").GetInt64() >= resolved || attempt == 100)
            {
                return metrics;
            }

            await Task.Delay(20, Ct);
        }
    }

    private RedisServerFactory Replica()
    {
        var factory = new RedisServerFactory(redis.ConnectionString, _prefix, Secret);
        _factories.Add(factory);
        return factory;
    }
}
