using System.Net;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Shop;

/// <summary>GET /items/{item_id}/related: the served model on a one-item session, deterministic and cacheable.</summary>
public sealed class RelatedItemsTests : IDisposable
{
    private readonly SessionRecFactory _factory = new SessionRecFactory().With("ColdStart:MinClicksForModel", "3");

    [Fact]
    public async Task Related_items_come_from_the_model_whatever_the_cold_start_threshold_and_carry_an_etag()
    {
        var client = _factory.CreateClient();

        var first = await client.GetAsync("/api/v1/items/P00001/related?k=5", TestContext.Current.CancellationToken);
        var second = await client.GetAsync("/api/v1/items/P00001/related?k=5", TestContext.Current.CancellationToken);
        var body = await first.ReadJsonAsync();
        var stateless = await client.RecommendJsonAsync(new { items = new[] { "P00001" }, k = 5 });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("vsknn", body.GetProperty("model").GetString());
        var items = body.GetProperty("recommendations").Strings();
        Assert.Equal(5, items.Distinct().Count());
        Assert.DoesNotContain("P00001", items);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.NotNull(first.Headers.ETag);
        Assert.Equal(items, (await second.ReadJsonAsync()).GetProperty("recommendations").Strings());
        Assert.Contains("max-age=60", first.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        // One click is below this server's threshold: /recommend answers with cold start, related with the model.
        Assert.Equal("coldstart", stateless.GetProperty("strategy").GetString());
    }

    [Fact]
    public async Task A_matching_if_none_match_is_a_304_until_the_catalog_changes_the_answer()
    {
        var client = _factory.CreateClient();
        var first = await client.GetAsync("/api/v1/items/P00001/related?k=5", TestContext.Current.CancellationToken);
        var top = (await first.ReadJsonAsync()).GetProperty("recommendations").Strings()[0];

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/items/P00001/related?k=5");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var cached = await client.SendAsync(request, TestContext.Current.CancellationToken);
        await client.PutItemAsync(top, """{"available":false}""");
        var changed = await client.GetAsync("/api/v1/items/P00001/related?k=5", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotModified, cached.StatusCode);
        Assert.NotEqual(first.Headers.ETag, changed.Headers.ETag);
        Assert.DoesNotContain(top, (await changed.ReadJsonAsync()).GetProperty("recommendations").Strings());
    }

    [Fact]
    public async Task Query_filters_apply_and_include_adds_names()
    {
        var client = _factory.CreateClient();

        var body = await (await client.GetAsync("/api/v1/items/P00001/related?k=6&categories=makeup,nails&exclude_items=P00002&include=category,name", TestContext.Current.CancellationToken)).ReadJsonAsync();

        var items = body.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(6, items.Length);
        Assert.All(items, i => Assert.Contains(i.GetProperty("category").GetString(), new[] { "makeup", "nails" }));
        Assert.DoesNotContain("P00002", body.GetProperty("recommendations").Strings());
    }

    [Theory]
    [InlineData("/api/v1/items/P00001/related?k=0", 400, "k")]
    [InlineData("/api/v1/items/P00001/related?k=abc", 400, "k")]
    [InlineData("/api/v1/items/P00001/related?k=101", 400, "k")]
    [InlineData("/api/v1/items/P00001/related?categories=perfume", 400, "categories")]
    [InlineData("/api/v1/items/P00001/related?exclude_categories=", 400, "exclude_categories")]
    [InlineData("/api/v1/items/P00001/related?include=price", 400, "include")]
    [InlineData("/api/v1/items/a%01b/related", 400, "item_id")]
    public async Task Bad_queries_are_400_problems_naming_the_parameter(string path, int status, string field)
    {
        var client = _factory.CreateClient();
        await ShopClient.AssertProblemAsync(await client.GetAsync(path, TestContext.Current.CancellationToken), status, field);
    }

    [Fact]
    public async Task An_unknown_item_is_a_404()
    {
        var client = _factory.CreateClient();
        var response = await client.GetAsync("/api/v1/items/NOPE/related", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
