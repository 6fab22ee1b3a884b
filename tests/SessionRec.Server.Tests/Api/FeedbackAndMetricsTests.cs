using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Api;

public sealed class FeedbackAndMetricsTests : IDisposable
{
    private readonly SessionRecFactory _factory = new();

    [Fact]
    public async Task Metrics_have_every_documented_field()
    {
        var metrics = await _factory.CreateClient().MetricsAsync();

        foreach (var field in new[]
        {
            "hit_rate_at_10", "p50_latency_ms", "p99_latency_ms", "avg_latency_ms", "total_requests", "coldstart_requests",
            "model_requests", "coldstart_percentage", "active_sessions", "clicks_total", "feedback_total", "window_seconds",
        })
        {
            Assert.True(metrics.TryGetProperty(field, out var value), field);
            Assert.Equal(JsonValueKind.Number, value.ValueKind);
        }

        Assert.Equal(300, metrics.GetProperty("window_seconds").GetDouble());
    }

    [Fact]
    public async Task The_next_click_resolves_a_recommendation_as_hit_or_miss()
    {
        var client = _factory.CreateClient();
        var first = await client.RecommendAsync("a");
        await client.ClickAsync("a", first.GetProperty("recommendations")[3].GetString()!); // hit: in the first 10

        var second = await client.RecommendAsync("b");
        string miss = Enumerable.Range(1, 240).Select(i => $"P{i:D5}").First(id => !second.GetProperty("recommendations").Strings().Contains(id));
        await client.ClickAsync("b", miss);
        await client.ClickAsync("b", miss); // a second click resolves nothing more

        var metrics = await client.MetricsAsync();
        Assert.Equal(50.0, metrics.GetProperty("hit_rate_at_10").GetDouble());
        Assert.Equal(2, metrics.GetProperty("resolved_recommendations").GetInt64());
        Assert.Equal(3, metrics.GetProperty("clicks_total").GetInt64());
        Assert.Equal(2, metrics.GetProperty("active_sessions").GetInt64());
        Assert.Equal(2, metrics.GetProperty("coldstart_requests").GetInt64());
        Assert.Equal(100.0, metrics.GetProperty("coldstart_percentage").GetDouble());
    }

    [Fact]
    public async Task Feedback_by_id_uses_the_servers_record_and_counts_once()
    {
        var client = _factory.CreateClient();
        var rec = await client.RecommendAsync("f", 20);
        string id = rec.GetProperty("recommendation_id").GetString()!;
        string eleventh = rec.GetProperty("recommendations")[10].GetString()!;

        // Position 11 is not a hit@10 whatever the client claims it was shown.
        var first = await PostFeedbackAsync(client, new { session_id = "f", recommendation_id = id, clicked_item = eleventh, recommended_items = new[] { eleventh } });
        var again = await PostFeedbackAsync(client, new { session_id = "f", recommendation_id = id, clicked_item = eleventh });
        var otherSession = await PostFeedbackAsync(client, new { session_id = "g", recommendation_id = (await client.RecommendAsync("f2")).GetProperty("recommendation_id").GetString(), clicked_item = eleventh });

        Assert.True(first.GetProperty("counted").GetBoolean());
        Assert.False(first.GetProperty("hit").GetBoolean());
        Assert.False(again.GetProperty("counted").GetBoolean());
        Assert.False(otherSession.GetProperty("counted").GetBoolean());
        var metrics = await client.MetricsAsync();
        Assert.Equal(1, metrics.GetProperty("resolved_recommendations").GetInt64());
        Assert.Equal(0.0, metrics.GetProperty("hit_rate_at_10").GetDouble());
        Assert.Equal(3, metrics.GetProperty("feedback_total").GetInt64());
    }

    [Fact]
    public async Task Feedback_first_then_click_counts_the_recommendation_once()
    {
        var client = _factory.CreateClient();
        var rec = await client.RecommendAsync("h");
        string top = rec.GetProperty("recommendations")[0].GetString()!;

        var feedback = await PostFeedbackAsync(client, new { session_id = "h", recommendation_id = rec.GetProperty("recommendation_id").GetString(), clicked_item = top });
        await client.ClickAsync("h", top);

        Assert.True(feedback.GetProperty("hit").GetBoolean());
        var metrics = await client.MetricsAsync();
        Assert.Equal(1, metrics.GetProperty("resolved_recommendations").GetInt64());
        Assert.Equal(100.0, metrics.GetProperty("hit_rate_at_10").GetDouble());
    }

    [Fact]
    public async Task Feedback_with_no_click_is_a_miss()
    {
        var client = _factory.CreateClient();
        var rec = await client.RecommendAsync("n");

        var feedback = await PostFeedbackAsync(client, new { session_id = "n", recommendation_id = rec.GetProperty("recommendation_id").GetString(), clicked_item = (string?)null });

        Assert.True(feedback.GetProperty("counted").GetBoolean());
        Assert.False(feedback.GetProperty("hit").GetBoolean());
    }

    [Fact]
    public async Task The_original_recommended_items_form_counts_a_list_this_session_was_served_once()
    {
        var client = _factory.CreateClient();
        var served = (await client.RecommendAsync("o")).GetProperty("recommendations").Strings();

        var hit = await PostFeedbackAsync(client, new { session_id = "o", recommended_items = served, clicked_item = served[1] });
        var again = await PostFeedbackAsync(client, new { session_id = "o", recommended_items = served, clicked_item = served[1] });

        Assert.True(hit.GetProperty("counted").GetBoolean());
        Assert.True(hit.GetProperty("hit").GetBoolean());
        Assert.False(again.GetProperty("counted").GetBoolean());
        Assert.Equal(1, (await client.MetricsAsync()).GetProperty("resolved_recommendations").GetInt64());
    }

    [Fact]
    public async Task Forged_original_form_feedback_for_lists_never_served_moves_hit_rate_by_nothing()
    {
        var client = _factory.CreateClient();
        for (int i = 0; i < 500; i++)
        {
            var forged = await PostFeedbackAsync(client, new { session_id = $"forger{i}", recommended_items = new[] { "P00001", "P00002" }, clicked_item = "P00002" });
            Assert.False(forged.GetProperty("counted").GetBoolean());
        }

        var metrics = await client.MetricsAsync();
        Assert.Equal(0.0, metrics.GetProperty("hit_rate_at_10").GetDouble());
        Assert.Equal(0, metrics.GetProperty("resolved_recommendations").GetInt64());
    }

    [Fact]
    public async Task The_seed_client_click_then_original_form_feedback_resolves_each_recommendation_once()
    {
        var client = _factory.CreateClient();
        for (int i = 0; i < 18; i++)
        {
            string session = $"seed{i % 6}";
            var served = (await client.RecommendAsync(session)).GetProperty("recommendations").Strings();
            await client.ClickAsync(session, served[0]);
            await PostFeedbackAsync(client, new { session_id = session, recommended_items = served, clicked_item = served[0] });
        }

        var metrics = await client.MetricsAsync();
        Assert.Equal(18, metrics.GetProperty("total_requests").GetInt64());
        Assert.Equal(18, metrics.GetProperty("resolved_recommendations").GetInt64());
    }

    [Fact]
    public async Task Pending_served_records_are_reported_in_metrics()
    {
        var client = _factory.CreateClient();
        await client.RecommendAsync("p1");
        await client.RecommendAsync("p2");

        Assert.Equal(2, (await client.MetricsAsync()).GetProperty("pending_recommendations").GetInt64());
    }

    [Fact]
    public async Task A_click_retried_with_the_same_event_id_is_stored_once()
    {
        var client = _factory.CreateClient();
        string body = "{\"session_id\":\"retry\",\"item_id\":\"P00001\",\"event_id\":\"ev-1\"}";
        var first = await client.PostJsonAsync("/api/v1/click", body);
        var retry = await client.PostJsonAsync("/api/v1/click", body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Contains("already recorded", (await retry.ReadJsonAsync()).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(["P00001"], await _factory.ReadSessionAsync("retry"));
        Assert.Equal(1, (await client.MetricsAsync()).GetProperty("clicks_total").GetInt64());
    }

    [Fact]
    public async Task An_event_id_over_128_characters_is_refused()
    {
        var response = await _factory.CreateClient().PostJsonAsync("/api/v1/click", $"{{\"session_id\":\"s\",\"item_id\":\"P00001\",\"event_id\":\"{new string('e', 129)}\"}}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("event_id", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latency_quantiles_cover_recommend_requests()
    {
        var client = _factory.CreateClient();
        for (int i = 0; i < 20; i++)
        {
            await client.RecommendAsync($"lat{i}");
        }

        await client.PostJsonAsync("/api/v1/recommend", "{}"); // rejected requests are not timed
        var metrics = await client.MetricsAsync();
        double p50 = metrics.GetProperty("p50_latency_ms").GetDouble();
        double p99 = metrics.GetProperty("p99_latency_ms").GetDouble();
        Assert.True(p50 > 0 && p99 >= p50, $"p50 {p50}, p99 {p99}");
        Assert.Equal(20, metrics.GetProperty("total_requests").GetInt64());
    }

    [Fact]
    public async Task Cold_start_learns_from_rewards()
    {
        // Clicking the same trending item after every cold-start recommendation makes it the bandit's favourite.
        var client = _factory.CreateClient();
        var favourite = (await client.RecommendAsync("probe", 50)).GetProperty("recommendations")[49].GetString()!;
        for (int i = 0; i < 60; i++)
        {
            var rec = await client.RecommendAsync($"u{i}", 50);
            await client.ClickAsync($"u{i}", favourite);
        }

        int firstCount = 0;
        for (int i = 0; i < 20; i++)
        {
            if ((await client.RecommendAsync($"v{i}", 10)).GetProperty("recommendations")[0].GetString() == favourite)
            {
                firstCount++;
            }
        }

        Assert.True(firstCount >= 15, $"favourite first in {firstCount}/20");
    }

    private static async Task<JsonElement> PostFeedbackAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/feedback", body, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public void Dispose() => _factory.Dispose();
}
