using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SessionRec.Redis.Tests.Server;

internal static class HttpJson
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<HttpResponseMessage> ClickAsync(this HttpClient client, string session, string item) =>
        client.PostAsJsonAsync("/api/v1/click", new { session_id = session, item_id = item }, Ct);

    public static Task<HttpResponseMessage> RecommendAsync(this HttpClient client, string session) =>
        client.PostAsJsonAsync("/api/v1/recommend", new { session_id = session }, Ct);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);

    public static Task<HttpResponseMessage> HealthAsync(this HttpClient client) => client.GetAsync("/api/v1/health", Ct);

    public static async Task<HttpStatusCode> ProbeAsync(this HttpClient client, string path) => (await client.GetAsync(path, Ct)).StatusCode;

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
}
