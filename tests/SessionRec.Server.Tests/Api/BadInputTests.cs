using System.Net;
using System.Text;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Api;

/// <summary>Every class of bad input gets a 400 problem+json naming the field, and nothing is stored.</summary>
public sealed class BadInputTests : IDisposable
{
    private static readonly string LongId = new('x', 129);
    private readonly SessionRecFactory _factory = new();

    public static TheoryData<string, string, string> BadBodies => new()
    {
        // endpoint, body, field named in the problem
        { "/api/v1/click", "{\"session_id\":\"s\",", "body" },
        { "/api/v1/click", "not json", "body" },
        { "/api/v1/click", "[1,2]", "body" },
        { "/api/v1/click", "\"just a string\"", "body" },
        { "/api/v1/click", "", "body" },
        { "/api/v1/click", "{}", "session_id" },
        { "/api/v1/click", "{\"session_id\":\"s\"}", "item_id" },
        { "/api/v1/click", "{\"item_id\":\"P00001\"}", "session_id" },
        { "/api/v1/click", "{\"session_id\":\"\",\"item_id\":\"P00001\"}", "session_id" },
        { "/api/v1/click", "{\"session_id\":\"   \",\"item_id\":\"P00001\"}", "session_id" },
        { "/api/v1/click", "{\"session_id\":\"s\",\"item_id\":\"\"}", "item_id" },
        { "/api/v1/click", "{\"session_id\":42,\"item_id\":\"P00001\"}", "session_id" },
        { "/api/v1/click", "{\"session_id\":\"s\",\"item_id\":7}", "item_id" },
        { "/api/v1/click", "{\"session_id\":[\"s\"],\"item_id\":\"P00001\"}", "session_id" },
        { "/api/v1/click", "{\"session_id\":{\"a\":1},\"item_id\":\"P00001\"}", "session_id" },
        { "/api/v1/click", "{\"session_id\":true,\"item_id\":\"P00001\"}", "session_id" },
        { "/api/v1/click", $"{{\"session_id\":\"{LongId}\",\"item_id\":\"P00001\"}}", "session_id" },
        { "/api/v1/click", $"{{\"session_id\":\"s\",\"item_id\":\"{LongId}\"}}", "item_id" },
        { "/api/v1/click", "{\"session_id\":\"a\\u0000b\",\"item_id\":\"P00001\"}", "session_id" },
        { "/api/v1/click", "{\"session_id\":\"a\\nb\",\"item_id\":\"P00001\"}", "session_id" },
        { "/api/v1/click", "{\"session_id\":\"s\",\"item_id\":\"P0\\u001b0001\"}", "item_id" },
        { "/api/v1/recommend", "{}", "session_id" },
        { "/api/v1/recommend", "{\"session_id\":null}", "session_id" },
        { "/api/v1/recommend", "{\"session_id\":\"s\",\"k\":0}", "k" },
        { "/api/v1/recommend", "{\"session_id\":\"s\",\"k\":101}", "k" },
        { "/api/v1/recommend", "{\"session_id\":\"s\",\"k\":-5}", "k" },
        { "/api/v1/recommend", "{\"session_id\":\"s\",\"k\":2.5}", "k" },
        { "/api/v1/recommend", "{\"session_id\":\"s\",\"k\":\"10\"}", "k" },
        { "/api/v1/recommend", "{\"session_id\":\"s\",\"k\":1e400}", "k" },
        { "/api/v1/recommend", "{\"session_id\":\"s\",\"k\":99999999999999999999}", "k" },
        { "/api/v1/recommend", "{\"session_id\":\"s\"", "body" },
        { "/api/v1/feedback", "{\"session_id\":\"s\"}", "recommendation_id" },
        { "/api/v1/feedback", "{\"session_id\":\"s\",\"recommendation_id\":5}", "recommendation_id" },
        { "/api/v1/feedback", "{\"session_id\":\"s\",\"recommended_items\":\"P00001\"}", "recommended_items" },
        { "/api/v1/feedback", "{\"session_id\":\"s\",\"recommended_items\":[]}", "recommended_items" },
        { "/api/v1/feedback", "{\"session_id\":\"s\",\"recommended_items\":[1,2]}", "recommended_items" },
        { "/api/v1/feedback", "{\"session_id\":\"s\",\"recommended_items\":[\"P00001\"],\"clicked_item\":3}", "clicked_item" },
        { "/api/v1/feedback", "{\"recommended_items\":[\"P00001\"],\"clicked_item\":\"P00001\"}", "session_id" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_bodies_get_a_400_problem_naming_the_field_and_store_nothing(string path, string body, string field)
    {
        var client = _factory.CreateClient();
        var before = await client.MetricsAsync();

        var response = await client.PostJsonAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"problem names {field}: {problem}");
        Assert.Contains(field == "body" ? "body" : field, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(client, before);
    }

    [Fact]
    public async Task Bodies_over_16_KB_are_rejected()
    {
        var client = _factory.CreateClient();
        var before = await client.MetricsAsync();
        var body = $"{{\"session_id\":\"s\",\"item_id\":\"P00001\",\"padding\":\"{new string('x', 17 * 1024)}\"}}";

        var response = await client.PostJsonAsync("/api/v1/click", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("larger than 16384 bytes", (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(client, before);
    }

    [Fact]
    public async Task Bodies_over_16_KB_without_a_length_header_are_rejected()
    {
        var client = _factory.CreateClient();
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($"{{\"session_id\":\"{new string('s', 20_000)}\"}}")));
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentLength = null;

        var response = await client.PostAsync("/api/v1/recommend", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_click_on_an_unknown_item_is_a_404_problem_and_is_not_stored()
    {
        var client = _factory.CreateClient();
        var before = await client.MetricsAsync();

        var response = await client.ClickAsync("s", "NOT-IN-CATALOG");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("NOT-IN-CATALOG", (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(client, before);
        Assert.Empty(await _factory.ReadSessionAsync("s"));
    }

    [Fact]
    public async Task Feedback_on_an_unknown_item_is_a_404_problem()
    {
        var client = _factory.CreateClient();
        var response = await client.PostJsonAsync("/api/v1/feedback", "{\"session_id\":\"s\",\"recommended_items\":[\"P00001\"],\"clicked_item\":\"NOPE\"}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, (await client.MetricsAsync()).GetProperty("feedback_total").GetInt64());
    }

    [Theory]
    [InlineData("/api/v1/sessions/%20")]
    [InlineData("/api/v1/sessions/a%01b")]
    [InlineData("/api/v1/items/a%0Ab")]
    public async Task Bad_ids_in_the_path_are_400_problems(string path)
    {
        var client = _factory.CreateClient();
        var response = path.Contains("sessions", StringComparison.Ordinal)
            ? await client.DeleteAsync(path, TestContext.Current.CancellationToken)
            : await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Over_long_ids_in_the_path_are_400_problems()
    {
        var client = _factory.CreateClient();
        var response = await client.DeleteAsync($"/api/v1/sessions/{LongId}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_routes_and_methods_answer_with_problems()
    {
        var client = _factory.CreateClient();
        var notFound = await client.GetAsync("/api/v1/nothing", TestContext.Current.CancellationToken);
        var wrongMethod = await client.GetAsync("/api/v1/click", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal("application/problem+json", notFound.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
    }

    [Fact]
    public async Task No_random_body_causes_a_server_error_or_leaks_an_exception()
    {
        var client = _factory.CreateClient();
        var random = new Random(5);
        string[] fragments = ["{", "}", "[", "]", "\"session_id\"", "\"item_id\"", "\"k\"", ":", ",", "\"s\"", "\"P00001\"", "null", "1", "-1", "1e9", "true", "\"\\u0000\"", "\"\\ud800\"", " ", "\"recommendation_id\"", "\"recommended_items\"", "\"clicked_item\""];
        string[] paths = ["/api/v1/click", "/api/v1/recommend", "/api/v1/feedback"];
        for (int i = 0; i < 300; i++)
        {
            var body = string.Concat(Enumerable.Range(0, random.Next(1, 14)).Select(_ => fragments[random.Next(fragments.Length)]));
            var response = await client.PostJsonAsync(paths[i % paths.Length], body);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {body}: {text}");
            Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        }
    }

    private static async Task AssertNothingStoredAsync(HttpClient client, System.Text.Json.JsonElement before)
    {
        var after = await client.MetricsAsync();
        foreach (var counter in new[] { "active_sessions", "clicks_total", "feedback_total", "total_requests", "resolved_recommendations" })
        {
            Assert.Equal(before.GetProperty(counter).GetInt64(), after.GetProperty(counter).GetInt64());
        }
    }

    public void Dispose() => _factory.Dispose();
}
