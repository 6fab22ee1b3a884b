using System.Diagnostics;
using System.Net;
using System.Text;
using SessionRec.Redis.Tests.Infrastructure;

namespace SessionRec.Redis.Tests.Server;

/// <summary>Catalog writes through one replica reach the others on the same Redis (issue 11).</summary>
public sealed class CatalogReplicaTests(RedisStandalone redis) : IDisposable
{
    private const string Secret = "catalog-replica-tests-secret";
    private readonly string _prefix = TestConnections.UniquePrefix();
    private readonly List<RedisServerFactory> _factories = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_item_made_unavailable_on_one_replica_leaves_the_others_recommendations_within_a_second()
    {
        var first = Replica().CreateClient();
        var second = Replica().CreateClient();
        await second.ClickAsync("shopper", "P00001");
        var before = Strings((await (await second.RecommendAsync("shopper")).JsonAsync()).GetProperty("recommendations"));
        string hidden = before[0];

        var started = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await Put(first, hidden, """{"available":false}""")).StatusCode);
        string[] after;
        do
        {
            after = Strings((await (await second.RecommendAsync("shopper")).JsonAsync()).GetProperty("recommendations"));
        }
        while (after.Contains(hidden) && started.Elapsed < TimeSpan.FromSeconds(5));

        var seenAfter = started.Elapsed;
        Assert.DoesNotContain(hidden, after);
        Assert.True(seenAfter < TimeSpan.FromSeconds(1), $"the second replica saw the change after {seenAfter.TotalMilliseconds:F0} ms");
        var item = await (await second.GetAsync($"/api/v1/items/{hidden}", Ct)).JsonAsync();
        Assert.False(item.GetProperty("available").GetBoolean());
    }

    [Fact]
    public async Task A_replica_started_after_the_writes_applies_them_over_its_seed()
    {
        var first = Replica().CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await Put(first, "LATE-1", """{"name":"Late arrival","category":"gifts"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Put(first, "P00002", """{"available":false}""")).StatusCode);

        var late = Replica().CreateClient();
        var added = await (await late.GetAsync("/api/v1/items/LATE-1", Ct)).JsonAsync();
        var hidden = await (await late.GetAsync("/api/v1/items/P00002", Ct)).JsonAsync();

        Assert.Equal("Late arrival", added.GetProperty("name").GetString());
        Assert.False(hidden.GetProperty("available").GetBoolean());
    }

    public void Dispose()
    {
        foreach (var factory in _factories)
        {
            factory.Dispose();
        }
    }

    private static Task<HttpResponseMessage> Put(HttpClient client, string item, string json) =>
        client.PutAsync($"/api/v1/items/{item}", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    private static string[] Strings(System.Text.Json.JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private RedisServerFactory Replica()
    {
        var factory = new RedisServerFactory(redis.ConnectionString, _prefix, Secret);
        _factories.Add(factory);
        return factory;
    }
}
