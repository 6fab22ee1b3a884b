using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SessionRec.Server.Tests.Infrastructure;

/// <summary>Thin helpers over HttpClient that speak the API's JSON.</summary>
public static class ApiClient
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    /// <summary>Posts raw bytes (invalid UTF-8 included) with the given content type, or none when null.</summary>
    public static Task<HttpResponseMessage> PostBytesAsync(this HttpClient client, string path, byte[] body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        return client.PostAsync(path, content, TestContext.Current.CancellationToken);
    }

    public static Task<HttpResponseMessage> ClickAsync(this HttpClient client, string session, string item) =>
        client.PostAsJsonAsync("/api/v1/click", new { session_id = session, item_id = item }, TestContext.Current.CancellationToken);

    public static async Task<JsonElement> RecommendAsync(this HttpClient client, string session, int? k = null)
    {
        var response = k is null
            ? await client.PostAsJsonAsync("/api/v1/recommend", new { session_id = session }, TestContext.Current.CancellationToken)
            : await client.PostAsJsonAsync("/api/v1/recommend", new { session_id = session, k }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonElement> MetricsAsync(this HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string[] Strings(this JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
