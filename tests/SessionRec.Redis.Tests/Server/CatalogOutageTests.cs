using System.Net;
using System.Text;
using SessionRec.Redis.Tests.Infrastructure;

namespace SessionRec.Redis.Tests.Server;

/// <summary>A catalog write while Redis is away: 503 with Retry-After, nothing changed; it works again once Redis is back.</summary>
public sealed class CatalogOutageTests() : OwnRedisServerTests("catalog-outage-tests-secret")
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_write_during_an_outage_is_a_503_and_changes_nothing()
    {
        var client = Factory.CreateClient();
        await Redis.KillAsync();

        var put = await Put(client, "P00001", """{"available":false}""");
        var batch = await client.PostAsync("/api/v1/items/batch", new StringContent("""[{"item_id":"NEW-1"}]""", Encoding.UTF8, "application/json"), Ct);
        var item = await (await client.GetAsync("/api/v1/items/P00001", Ct)).JsonAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, put.StatusCode);
        Assert.Equal("application/problem+json", put.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(put.Headers.RetryAfter);
        Assert.Contains("catalog was not changed", (await put.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, batch.StatusCode);
        Assert.True(item.GetProperty("available").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/items/NEW-1", Ct)).StatusCode);

        await Redis.RestartAsync();
        HttpResponseMessage retry;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            retry = await Put(client, "P00001", """{"available":false}""");
        }
        while (retry.StatusCode == HttpStatusCode.ServiceUnavailable && waited.Elapsed < TimeSpan.FromSeconds(20));

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.False((await (await client.GetAsync("/api/v1/items/P00001", Ct)).JsonAsync()).GetProperty("available").GetBoolean());
    }

    private static Task<HttpResponseMessage> Put(HttpClient client, string item, string json) =>
        client.PutAsync($"/api/v1/items/{item}", new StringContent(json, Encoding.UTF8, "application/json"), Ct);
}
