using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Shop;

/// <summary>Calls of the shop controls (issue 11) over the API's JSON.</summary>
internal static class ShopClient
{
    public static Task<HttpResponseMessage> PutItemAsync(this HttpClient client, string itemId, string json) =>
        client.PutAsync($"/api/v1/items/{Uri.EscapeDataString(itemId)}", new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> PostBatchAsync(this HttpClient client, string body, string contentType = "application/json") =>
        client.PostAsync("/api/v1/items/batch", new StringContent(body, Encoding.UTF8, contentType), TestContext.Current.CancellationToken);

    public static async Task<JsonElement> RecommendJsonAsync(this HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/recommend", body, TestContext.Current.CancellationToken);
        var json = await response.ReadJsonAsync();
        Assert.True(response.IsSuccessStatusCode, json.ToString());
        return json;
    }

    public static async Task<string> CategoryOfAsync(this HttpClient client, string itemId) =>
        (await (await client.GetAsync($"/api/v1/items/{itemId}", TestContext.Current.CancellationToken)).ReadJsonAsync()).GetProperty("category").GetString()!;

    public static async Task AssertProblemAsync(HttpResponseMessage response, int status, string field)
    {
        var problem = await response.ReadJsonAsync();
        Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {problem}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"problem names {field}: {problem}");
    }
}
