using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SessionRec.Core.Privacy;
using SessionRec.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace SessionRec.Redis.Tests.Server;

/// <summary>
/// Issue 10, findings 4 and 5 on Redis: one deadline per request while Redis stalls, feedback that survives an
/// outage, and a delete that a racing recommendation cannot undo.
/// </summary>
public sealed class StallAndErasureTests : IAsyncLifetime
{
    private readonly string _prefix = TestConnections.UniquePrefix();
    private RedisServerProcess? _redis;
    private RedisServerFactory? _factory;

    public async ValueTask InitializeAsync()
    {
        _redis = await RedisServerProcess.StartAsync();
        _factory = new RedisServerFactory(_redis.EndPoint, _prefix, "stall-tests-shared-secret")
            .With("Redis:OperationTimeout", "00:00:01")
            .With("Redis:RequestDeadline", "00:00:01");
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.ResumeAsync().ConfigureAwait(false);
        }

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
    public async Task During_a_stall_a_recommendation_waits_one_deadline_not_one_timeout_per_call()
    {
        var client = _factory!.CreateClient();
        await client.ClickAsync("s", "P00001");
        await client.ClickAsync("s", "P00013");

        await _redis!.PauseAsync();
        var watch = Stopwatch.StartNew();
        var response = await client.RecommendAsync("s");
        watch.Stop();
        await _redis.ResumeAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("used_coldstart").GetBoolean());

        // Each of the read, the bandit's counts and the record would wait its own second without the shared deadline.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.5), $"took {watch.Elapsed.TotalSeconds:F2} s");
    }

    [Fact]
    public async Task Feedback_while_Redis_stalls_is_503_and_the_recommendation_can_still_be_resolved_after()
    {
        var client = _factory!.CreateClient();
        var rec = await (await client.RecommendAsync("f")).JsonAsync();
        Assert.True(rec.GetProperty("used_coldstart").GetBoolean());
        string body = $"{{\"session_id\":\"f\",\"recommendation_id\":\"{rec.GetProperty("recommendation_id").GetString()}\",\"clicked_item\":null}}";

        await _redis!.PauseAsync();
        var during = await client.PostJsonAsync("/api/v1/feedback", body);
        await _redis.ResumeAsync();
        await RedisOutageTests.WaitUntilAsync(async () => (await client.HealthAsync()).StatusCode == HttpStatusCode.OK);
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken); // as Retry-After asks, past the first attempt's deadline
        var after = await client.PostJsonAsync("/api/v1/feedback", body);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.NotNull(during.Headers.RetryAfter);
        Assert.True((await after.JsonAsync()).GetProperty("counted").GetBoolean());
    }

    [Fact]
    public async Task A_recommend_racing_a_delete_never_leaves_a_served_record_behind()
    {
        var client = _factory!.CreateClient();
        var hasher = _factory.Services.GetRequiredService<SessionIdHasher>();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis!.EndPoint);
        var db = redis.GetDatabase();
        int left = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            string session = $"race-{trial}";
            await client.ClickAsync(session, "P00001");
            await client.ClickAsync(session, "P00013");
            var recommend = client.RecommendAsync(session);
            var delete = client.DeleteAsync($"/api/v1/sessions/{session}", TestContext.Current.CancellationToken);
            await Task.WhenAll(recommend, delete);

            string hash = hasher.Hash(session).Value;
            left += (await db.KeyExistsAsync($"{_prefix}:{{{hash}}}:served") ? 1 : 0)
                + (await db.KeyExistsAsync($"{_prefix}:{{{hash}}}:clicks") ? 1 : 0);
        }

        Assert.Equal(0, left);
    }
}
