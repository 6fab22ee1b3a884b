using System.Net;
using System.Net.Http.Json;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Api;

public sealed class ClickAndRecommendTests : IDisposable
{
    private readonly SessionRecFactory _factory = new();

    [Fact]
    public async Task A_click_is_acknowledged_with_the_original_shape()
    {
        var client = _factory.CreateClient();

        var response = await client.ClickAsync("s1", "P00001");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("success", body.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task A_new_session_gets_cold_start_and_one_click_switches_to_the_model()
    {
        var client = _factory.CreateClient();

        var cold = await client.RecommendAsync("fresh");
        Assert.True(cold.GetProperty("used_coldstart").GetBoolean());
        Assert.Equal("coldstart", cold.GetProperty("strategy").GetString());
        Assert.Equal(10, cold.GetProperty("recommendations").GetArrayLength());
        Assert.Equal(10, cold.GetProperty("scores").GetArrayLength());

        await client.ClickAsync("fresh", "P00001");
        var warm = await client.RecommendAsync("fresh");
        Assert.False(warm.GetProperty("used_coldstart").GetBoolean());
        Assert.Equal("model", warm.GetProperty("strategy").GetString());
        Assert.Equal("vsknn", warm.GetProperty("model").GetString());
        Assert.Equal("fresh", warm.GetProperty("session_id").GetString());
        Assert.Equal(32, warm.GetProperty("recommendation_id").GetString()!.Length);
    }

    [Fact]
    public async Task Model_scores_are_sorted_and_come_from_the_session()
    {
        var client = _factory.CreateClient();
        await client.ClickAsync("s", "P00001");
        await client.ClickAsync("s", "P00013");

        var rec = await client.RecommendAsync("s", 20);
        double[] scores = [.. rec.GetProperty("scores").EnumerateArray().Select(e => e.GetDouble())];

        Assert.Equal(20, scores.Length);
        Assert.Equal(scores.OrderByDescending(x => x), scores);
        Assert.True(scores[0] > 0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(100)]
    public async Task Always_returns_k_distinct_items(int k)
    {
        var client = _factory.CreateClient();
        foreach (var session in new[] { "cold", "warm" })
        {
            if (session == "warm")
            {
                await client.ClickAsync(session, "P00100");
                await client.ClickAsync(session, "P00200");
            }

            var items = (await client.RecommendAsync(session, k)).GetProperty("recommendations").Strings();
            Assert.Equal(k, items.Length);
            Assert.Equal(k, items.Distinct().Count());
        }
    }

    [Fact]
    public async Task Items_already_in_the_session_are_not_recommended()
    {
        var client = _factory.CreateClient();
        string[] clicked = ["P00001", "P00013", "P00025", "P00037"];
        foreach (var item in clicked)
        {
            await client.ClickAsync("seen", item);
        }

        var items = (await client.RecommendAsync("seen", 100)).GetProperty("recommendations").Strings();

        Assert.Empty(items.Intersect(clicked));
    }

    [Fact]
    public async Task ExcludeSeen_false_lets_re_clicks_be_recommended()
    {
        using var factory = new SessionRecFactory().With("Recommendations:ExcludeSeen", "false");
        var client = factory.CreateClient();
        // A session of the two most popular demo items: with seen items allowed, at least one comes back.
        var popular = (await client.RecommendAsync("probe", 2)).GetProperty("recommendations").Strings();
        await client.ClickAsync("re", popular[0]);
        await client.ClickAsync("re", popular[1]);

        var items = (await client.RecommendAsync("re", 100)).GetProperty("recommendations").Strings();

        Assert.NotEmpty(items.Intersect(popular));
    }

    [Fact]
    public async Task The_session_keeps_the_newest_fifty_clicks()
    {
        var client = _factory.CreateClient();
        for (int i = 1; i <= 60; i++)
        {
            await client.ClickAsync("long", $"P{i:D5}");
        }

        var stored = await _factory.ReadSessionAsync("long");

        Assert.Equal([.. Enumerable.Range(11, 50).Select(i => $"P{i:D5}")], stored);
    }

    [Fact]
    public async Task A_thousand_parallel_clicks_on_one_session_keep_exactly_the_fifty_most_recent()
    {
        using var factory = new SessionRecFactory().With("Model:DemoItems", "1200");
        var client = factory.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(1, 1000).Select(i => client.ClickAsync("hot", $"P{i:D5}")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var stored = await factory.ReadSessionAsync("hot");
        Assert.Equal(50, stored.Count);
        Assert.Equal(50, stored.Distinct().Count());
        Assert.Equal(1000, (await client.MetricsAsync()).GetProperty("clicks_total").GetInt64());

        // Newest-first trimming: 50 more clicks, acknowledged one after another, replace all of them in order.
        for (int i = 1001; i <= 1050; i++)
        {
            await client.ClickAsync("hot", $"P{i:D5}");
        }

        Assert.Equal([.. Enumerable.Range(1001, 50).Select(i => $"P{i:D5}")], await factory.ReadSessionAsync("hot"));
    }

    [Fact]
    public async Task Sessions_expire_thirty_minutes_after_their_last_click_or_recommendation()
    {
        var client = _factory.CreateClient();
        await client.ClickAsync("t", "P00001");
        await client.ClickAsync("t", "P00013");

        _factory.Time.Advance(TimeSpan.FromMinutes(29));
        Assert.False((await client.RecommendAsync("t")).GetProperty("used_coldstart").GetBoolean()); // refreshes
        _factory.Time.Advance(TimeSpan.FromMinutes(29));
        Assert.False((await client.RecommendAsync("t")).GetProperty("used_coldstart").GetBoolean());

        _factory.Time.Advance(TimeSpan.FromMinutes(31));
        var expired = await client.RecommendAsync("t");
        Assert.True(expired.GetProperty("used_coldstart").GetBoolean());
        Assert.Empty(await _factory.ReadSessionAsync("t"));
    }

    [Fact]
    public async Task Ttl_and_history_length_are_configurable()
    {
        using var factory = new SessionRecFactory().With("Sessions:Ttl", "00:01:00").With("Sessions:MaxClicks", "3");
        var client = factory.CreateClient();
        for (int i = 1; i <= 5; i++)
        {
            await client.ClickAsync("c", $"P{i:D5}");
        }

        Assert.Equal(["P00003", "P00004", "P00005"], await factory.ReadSessionAsync("c"));
        factory.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Empty(await factory.ReadSessionAsync("c"));
    }

    [Fact]
    public async Task The_cold_start_threshold_is_configurable()
    {
        using var factory = new SessionRecFactory().With("ColdStart:MinClicksForModel", "2");
        var client = factory.CreateClient();
        await client.ClickAsync("one", "P00001");

        var cold = await client.RecommendAsync("one");
        Assert.True(cold.GetProperty("used_coldstart").GetBoolean());
        Assert.Contains("fewer than 2 clicks", cold.GetProperty("message").GetString(), StringComparison.Ordinal);
        await client.ClickAsync("one", "P00013");
        Assert.False((await client.RecommendAsync("one")).GetProperty("used_coldstart").GetBoolean());
    }

    [Fact]
    public async Task Deleting_a_session_forgets_it_at_once()
    {
        var client = _factory.CreateClient();
        await client.ClickAsync("gone", "P00001");
        await client.ClickAsync("gone", "P00013");
        var rec = await client.RecommendAsync("gone");

        var response = await client.DeleteAsync("/api/v1/sessions/gone", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await _factory.ReadSessionAsync("gone"));
        Assert.True((await client.RecommendAsync("gone")).GetProperty("used_coldstart").GetBoolean());
        var feedback = await client.PostAsJsonAsync("/api/v1/feedback", new
        {
            session_id = "gone",
            recommendation_id = rec.GetProperty("recommendation_id").GetString(),
            clicked_item = "P00002",
        }, TestContext.Current.CancellationToken);
        Assert.False((await feedback.ReadJsonAsync()).GetProperty("counted").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/sessions/gone", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Items_are_looked_up_in_the_catalog()
    {
        var client = _factory.CreateClient();

        var found = await client.GetAsync("/api/v1/items/P00002", TestContext.Current.CancellationToken);
        var missing = await client.GetAsync("/api/v1/items/NOPE", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var item = await found.ReadJsonAsync();
        Assert.Equal("P00002", item.GetProperty("item_id").GetString());
        Assert.False(string.IsNullOrEmpty(item.GetProperty("name").GetString()));
        Assert.False(string.IsNullOrEmpty(item.GetProperty("category").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    public void Dispose() => _factory.Dispose();
}
