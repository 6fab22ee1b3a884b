using System.Net;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Dashboard;

public sealed class DashboardApiTests : IDisposable
{
    private readonly SessionRecFactory _factory = new SessionRecFactory().With("Metrics:HistoryInterval", "00:00:05");

    [Fact]
    public async Task History_samples_rates_from_counter_deltas()
    {
        var client = _factory.CreateClient();
        _factory.Time.Advance(TimeSpan.FromSeconds(5));
        for (int i = 0; i < 10; i++)
        {
            await client.ClickAsync($"s{i}", "P00001");
        }

        await client.RecommendAsync("s0");
        await WaitForPointsAsync(client, 1);
        _factory.Time.Advance(TimeSpan.FromSeconds(5));
        var points = await WaitForPointsAsync(client, 2);

        var last = points[^1];
        Assert.Equal(2.0, last.GetProperty("clicks_per_second").GetDouble()); // 10 clicks over 5 s
        Assert.Equal(0.2, last.GetProperty("recommendations_per_second").GetDouble());
        Assert.Equal(10, last.GetProperty("active_sessions").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, last.GetProperty("hit_rate_at_10_recent").ValueKind); // nothing resolved yet
    }

    [Fact]
    public async Task History_keeps_only_the_configured_span()
    {
        var client = _factory.CreateClient();
        for (int i = 0; i < 200; i++)
        {
            _factory.Time.Advance(TimeSpan.FromSeconds(5));
        }

        var history = await (await client.GetAsync("/api/v1/metrics/history", TestContext.Current.CancellationToken)).ReadJsonAsync();
        Assert.InRange(history.GetProperty("points").GetArrayLength(), 1, 181); // 15 minutes of 5-second samples
        Assert.Equal(900, history.GetProperty("span_seconds").GetDouble());
        Assert.Equal(300, history.GetProperty("recent_window_seconds").GetDouble()); // Metrics:LatencyWindow
    }

    [Fact]
    public async Task Model_endpoint_describes_the_served_model()
    {
        var model = await (await _factory.CreateClient().GetAsync("/api/v1/model", TestContext.Current.CancellationToken)).ReadJsonAsync();
        Assert.Equal("vsknn", model.GetProperty("name").GetString());
        Assert.Equal(240, model.GetProperty("items").GetInt32());
    }

    [Fact]
    public async Task Prometheus_scrape_has_request_and_domain_metrics_without_session_ids()
    {
        var client = _factory.CreateClient();
        await client.RecommendAsync("prom-secret-session"); // no click yet: cold start
        await client.ClickAsync("prom-secret-session", "P00001");
        await client.RecommendAsync("prom-secret-session");
        await client.DeleteAsync("/api/v1/sessions/prom-secret-session", TestContext.Current.CancellationToken);

        string text = "";
        for (int i = 0; i < 50 && !text.Contains("sessionrec_recommendations_total", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken); // the exporter caches scrapes briefly
            var response = await client.GetAsync("/metrics", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        }

        Assert.Contains("sessionrec_recommendations_total{", text, StringComparison.Ordinal);
        Assert.Contains("strategy=\"coldstart\"", text, StringComparison.Ordinal);
        Assert.Contains("sessionrec_clicks_total", text, StringComparison.Ordinal);
        Assert.Contains("sessionrec_recommend_duration_milliseconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("sessionrec_session_store_duration_milliseconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("sessionrec_recommendations_pending", text, StringComparison.Ordinal);
        Assert.DoesNotContain("prom-secret-session", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_page_is_served_and_linked_from_home_and_docs()
    {
        var client = _factory.CreateClient();
        var page = await client.GetAsync("/dashboard", TestContext.Current.CancellationToken);
        var home = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("chart-latency", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("href=\"/dashboard\"", home, StringComparison.Ordinal);
        var openApi = await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Contains("(/dashboard)", openApi, StringComparison.Ordinal); // rendered as a link in the /docs header
    }

    private static async Task<System.Text.Json.JsonElement[]> WaitForPointsAsync(HttpClient client, int count)
    {
        for (int i = 0; i < 100; i++)
        {
            var history = await (await client.GetAsync("/api/v1/metrics/history", TestContext.Current.CancellationToken)).ReadJsonAsync();
            var points = history.GetProperty("points").EnumerateArray().ToArray();
            if (points.Length >= count)
            {
                return points;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"fewer than {count} history points");
    }

    public void Dispose() => _factory.Dispose();
}
