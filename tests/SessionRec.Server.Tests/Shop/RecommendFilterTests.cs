using System.Net;
using System.Net.Http.Json;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Shop;

/// <summary>filter and include on /recommend (demo shop: P00001 skincare, P00002 makeup, … every 12th the same).</summary>
public sealed class RecommendFilterTests : IDisposable
{
    private readonly SessionRecFactory _factory = new();

    [Fact]
    public async Task A_category_filter_keeps_k_items_all_of_those_categories()
    {
        var client = _factory.CreateClient();
        await client.ClickAsync("s", "P00001");
        await client.ClickAsync("s", "P00013");

        var rec = await client.RecommendJsonAsync(new { session_id = "s", k = 10, filter = new { categories = new[] { "makeup", "nails" } }, include = new[] { "name", "category" } });

        var items = rec.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(10, rec.GetProperty("recommendations").GetArrayLength());
        Assert.Equal(rec.GetProperty("recommendations").Strings(), items.Select(i => i.GetProperty("item_id").GetString()!).ToArray());
        Assert.All(items, i => Assert.Contains(i.GetProperty("category").GetString(), new[] { "makeup", "nails" }));
        Assert.All(items, i => Assert.False(string.IsNullOrEmpty(i.GetProperty("name").GetString())));
        Assert.Equal("model", rec.GetProperty("strategy").GetString());
    }

    [Fact]
    public async Task Excluded_categories_and_items_never_appear_on_the_model_or_cold_start_path()
    {
        var client = _factory.CreateClient();
        await client.ClickAsync("s", "P00001");
        var plain = (await client.RecommendAsync("s", 10)).GetProperty("recommendations").Strings();

        var filtered = await client.RecommendJsonAsync(new { session_id = "s", k = 10, filter = new { exclude_categories = new[] { "skincare" }, exclude_items = plain[..3] }, include = new[] { "category" } });
        var cold = await client.RecommendJsonAsync(new { session_id = "new", k = 30, filter = new { exclude_categories = new[] { "skincare" } }, include = new[] { "category" } });

        Assert.Equal(10, filtered.GetProperty("recommendations").GetArrayLength());
        Assert.DoesNotContain(filtered.GetProperty("recommendations").Strings(), plain[..3].Contains);
        Assert.All(filtered.GetProperty("items").EnumerateArray(), i => Assert.NotEqual("skincare", i.GetProperty("category").GetString()));
        Assert.Equal("coldstart", cold.GetProperty("strategy").GetString());
        Assert.Equal(30, cold.GetProperty("recommendations").GetArrayLength());
        Assert.All(cold.GetProperty("items").EnumerateArray(), i => Assert.NotEqual("skincare", i.GetProperty("category").GetString()));
    }

    [Fact]
    public async Task When_fewer_than_k_are_eligible_the_answer_has_them_all_and_says_so()
    {
        var client = _factory.CreateClient();
        // 20 makeup items in the 240-item demo (P00002, P00014, …): hide all but three.
        var makeup = Enumerable.Range(0, 20).Select(i => $"P{2 + (12 * i):D5}").ToArray();
        var hide = string.Join(',', makeup[3..].Select(id => $"{{\"item_id\":\"{id}\",\"available\":false}}"));
        Assert.Equal(HttpStatusCode.OK, (await client.PostBatchAsync($"[{hide}]")).StatusCode);
        await client.ClickAsync("s", "P00001");

        var rec = await client.RecommendJsonAsync(new { session_id = "s", k = 10, filter = new { categories = new[] { "makeup" } } });
        var cold = await client.RecommendJsonAsync(new { session_id = "cold", k = 10, filter = new { categories = new[] { "makeup" } } });

        Assert.Equal(makeup[..3].Order(), rec.GetProperty("recommendations").Strings().Order());
        Assert.Contains("Only 3 items are eligible within the filter", rec.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(makeup[..3].Order(), cold.GetProperty("recommendations").Strings().Order());
    }

    [Fact]
    public async Task A_filter_the_model_cannot_serve_falls_back_to_cold_start_within_it_and_says_why()
    {
        var client = _factory.CreateClient();
        await client.PutItemAsync("G-1", """{"category":"launch"}""");
        await client.PutItemAsync("G-2", """{"category":"launch"}""");
        await client.ClickAsync("s", "P00001");

        var rec = await client.RecommendJsonAsync(new { session_id = "s", k = 5, filter = new { categories = new[] { "launch" } } });

        // The model knows neither item: cold start offers both (new items join the bandit), as many as the catalog allows.
        Assert.Equal(["G-1", "G-2"], rec.GetProperty("recommendations").Strings().Order());
        Assert.Equal("coldstart", rec.GetProperty("strategy").GetString());
        Assert.Contains("the model ranks no item within the filter", rec.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("Only 2 items are eligible within the filter", rec.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { """{"session_id":"s","filter":{"categories":["perfume"]}}""", "filter.categories" },
        { """{"session_id":"s","filter":{"exclude_categories":["makeup","perfume"]}}""", "filter.exclude_categories" },
        { """{"session_id":"s","filter":{"categories":"makeup"}}""", "filter.categories" },
        { """{"session_id":"s","filter":{"categories":[]}}""", "filter.categories" },
        { """{"session_id":"s","filter":{"exclude_items":[1]}}""", "filter.exclude_items" },
        { """{"session_id":"s","filter":{"colour":["red"]}}""", "filter.colour" },
        { """{"session_id":"s","filter":"makeup"}""", "filter" },
        { """{"session_id":"s","include":["price"]}""", "include" },
        { """{"session_id":"s","include":"name"}""", "include" },
        { """{"session_id":"s","items":["P00001"]}""", "items" },
        { """{"items":[]}""", "items" },
        { """{"items":["P00001",2]}""", "items" },
        { """{"items":["P00001"],"item_id":"P00002"}""", "item_id" },
        { """{"items":["P00001"],"event_id":"e1"}""", "event_id" },
        { """{"session_id":"s","item_id":""}""", "item_id" },
        { """{"session_id":"s","item_id":5}""", "item_id" },
        { "{\"session_id\":\"s\",\"filter\":{\"\\ud800\":[\"makeup\"]}}", "filter" },
        { "{\"\\ud800\":1,\"items\":[\"P00001\"]}", "body" },
        { "{\"session_id\":\"s\",\"\\ud800\":1}", "body" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_filters_includes_and_item_lists_are_400_problems_naming_the_field_and_store_nothing(string body, string field)
    {
        var client = _factory.CreateClient();
        var before = await client.MetricsAsync();

        await ShopClient.AssertProblemAsync(await client.PostJsonAsync("/api/v1/recommend", body), 400, field);

        var after = await client.MetricsAsync();
        foreach (var counter in new[] { "active_sessions", "clicks_total", "total_requests" })
        {
            Assert.Equal(before.GetProperty(counter).GetInt64(), after.GetProperty(counter).GetInt64());
        }

        Assert.Empty(await _factory.ReadSessionAsync("s"));
    }

    [Fact]
    public async Task More_items_than_a_session_keeps_are_refused()
    {
        var client = _factory.CreateClient();
        var items = Enumerable.Range(1, 51).Select(i => $"P{i:D5}").ToArray();
        var response = await client.PostAsJsonAsync("/api/v1/recommend", new { items }, TestContext.Current.CancellationToken);
        await ShopClient.AssertProblemAsync(response, 400, "items");
    }

    public void Dispose() => _factory.Dispose();
}
