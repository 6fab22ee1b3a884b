using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SessionRec.Core.ColdStart;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Shop;

/// <summary>/recommend with item_id (click, then recommend) and with items (stateless: nothing stored).</summary>
public sealed class OneCallAndStatelessTests : IDisposable
{
    private readonly SessionRecFactory _factory = new();

    [Fact]
    public async Task Item_id_records_the_click_first_then_recommends_from_it()
    {
        var client = _factory.CreateClient();

        var rec = await client.RecommendJsonAsync(new { session_id = "s", item_id = "P00001", k = 5 });
        var twice = await client.RecommendJsonAsync(new { session_id = "s2", item_id = "P00001", event_id = "e1" });
        var again = await client.RecommendJsonAsync(new { session_id = "s2", item_id = "P00001", event_id = "e1" });

        Assert.Equal(["P00001"], await _factory.ReadSessionAsync("s"));
        Assert.Equal("model", rec.GetProperty("strategy").GetString());
        Assert.DoesNotContain("P00001", rec.GetProperty("recommendations").Strings());
        Assert.StartsWith("Click recorded.", rec.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Click recorded.", twice.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Click already recorded", again.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(["P00001"], await _factory.ReadSessionAsync("s2"));
        Assert.Equal(2, (await client.MetricsAsync()).GetProperty("clicks_total").GetInt64());
    }

    [Fact]
    public async Task An_unknown_item_id_is_a_404_like_click_and_nothing_is_stored_or_recommended()
    {
        var client = _factory.CreateClient();
        var before = await client.MetricsAsync();

        var response = await client.PostAsJsonAsync("/api/v1/recommend", new { session_id = "s", item_id = "NOPE" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await _factory.ReadSessionAsync("s"));
        Assert.Equal(before.GetProperty("total_requests").GetInt64(), (await client.MetricsAsync()).GetProperty("total_requests").GetInt64());
    }

    [Fact]
    public async Task Items_without_a_session_rank_like_the_same_session_would()
    {
        var client = _factory.CreateClient();
        await client.ClickAsync("s", "P00001");
        await client.ClickAsync("s", "P00013");
        var stored = await client.RecommendAsync("s", 10);

        var stateless = await client.RecommendJsonAsync(new { items = new[] { "P00001", "P00013" }, k = 10 });

        Assert.Equal(stored.GetProperty("recommendations").Strings(), stateless.GetProperty("recommendations").Strings());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, stateless.GetProperty("session_id").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, stateless.GetProperty("recommendation_id").ValueKind);
        Assert.Contains("Nothing was stored", stateless.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stateless_calls_leave_every_store_unchanged()
    {
        var client = _factory.CreateClient();
        await client.ClickAsync("someone", "P00005");
        await client.RecommendAsync("someone");
        var trending = _factory.Services.GetRequiredService<ITrendingStore>();
        var bandit = _factory.Services.GetRequiredService<ThompsonSamplingBandit>();
        var metricsBefore = (await client.MetricsAsync()).ToString();
        var topBefore = await trending.TopAsync(1000, TestContext.Current.CancellationToken);
        var armsBefore = await Task.WhenAll(topBefore.Take(60).Select(async i => await bandit.PosteriorAsync(i, TestContext.Current.CancellationToken)));

        for (int i = 0; i < 20; i++)
        {
            await client.RecommendJsonAsync(new { items = new[] { $"P{i + 1:D5}" }, k = 10 });
            await client.RecommendJsonAsync(new { items = new[] { "NOT-A-KNOWN-ITEM" }, k = 10 }); // cold start path
        }

        var metricsAfter = await client.MetricsAsync();
        var before = System.Text.Json.JsonDocument.Parse(metricsBefore).RootElement;
        foreach (var counter in new[] { "active_sessions", "clicks_total", "total_requests", "coldstart_requests", "feedback_total", "resolved_recommendations", "pending_recommendations" })
        {
            Assert.Equal(before.GetProperty(counter).ToString(), metricsAfter.GetProperty(counter).ToString());
        }

        Assert.Equal(topBefore, await trending.TopAsync(1000, TestContext.Current.CancellationToken));
        Assert.Equal(armsBefore, await Task.WhenAll(topBefore.Take(60).Select(async i => await bandit.PosteriorAsync(i, TestContext.Current.CancellationToken))));
    }

    public void Dispose() => _factory.Dispose();
}
