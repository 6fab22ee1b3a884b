using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SessionRec.Client;

/// <summary>
/// The SessionRec API (v1) over a typed <see cref="HttpClient"/>; register it with
/// <see cref="SessionRecServiceCollectionExtensions.AddSessionRecClient"/>. Every call takes a cancellation token;
/// an error answer throws <see cref="SessionRecApiException"/>.
/// </summary>
public sealed class SessionRecClient(HttpClient http)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>Records a click. <paramref name="eventId"/> makes a retry of the same click harmless.</summary>
    public Task<ClickResult> ClickAsync(string sessionId, string itemId, string? eventId = null, CancellationToken cancellationToken = default) =>
        PostAsync<ClickResult>("api/v1/click", new JsonObject { ["session_id"] = sessionId, ["item_id"] = itemId, ["event_id"] = eventId }, cancellationToken)!;

    /// <summary>The next <paramref name="k"/> items (1..100; null: the service's default, 10).</summary>
    public async Task<Recommendations> RecommendAsync(string sessionId, int? k = null, CancellationToken cancellationToken = default)
    {
        var answer = await PostAsync<RecommendAnswer>("api/v1/recommend", new JsonObject { ["session_id"] = sessionId, ["k"] = k }, cancellationToken);
        return new Recommendations(answer!.SessionId, answer.RecommendationId, answer.Recommendations, answer.Scores, answer.UsedColdstart, answer.Strategy, answer.Model, answer.Message);
    }

    /// <summary>What the session did with a recommendation: <paramref name="clickedItem"/> null when none was clicked.</summary>
    public Task<FeedbackResult> FeedbackAsync(string sessionId, string recommendationId, string? clickedItem, CancellationToken cancellationToken = default) =>
        PostAsync<FeedbackResult>("api/v1/feedback",
            new JsonObject { ["session_id"] = sessionId, ["recommendation_id"] = recommendationId, ["clicked_item"] = clickedItem }, cancellationToken)!;

    /// <summary>Erases the session and everything derived from it (the id is sent in the body, never in a URL).</summary>
    public async Task DeleteSessionAsync(string sessionId, CancellationToken cancellationToken = default) =>
        await PostAsync<JsonElement?>("api/v1/sessions/delete", new JsonObject { ["session_id"] = sessionId }, cancellationToken);

    /// <summary>The catalog entry, or null when the item is not in the catalog.</summary>
    public async Task<CatalogItem?> GetItemAsync(string itemId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAsync<CatalogItem>($"api/v1/items/{Uri.EscapeDataString(itemId)}", cancellationToken);
        }
        catch (SessionRecApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Health; an unhealthy service (503) is returned, not thrown.</summary>
    public async Task<HealthStatus> GetHealthAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync("api/v1/health", cancellationToken);
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            return (await response.Content.ReadFromJsonAsync<HealthStatus>(Json, cancellationToken))!;
        }

        return (await ReadAsync<HealthStatus>(response, cancellationToken))!;
    }

    /// <summary>The served model (admin key when keys are configured).</summary>
    public Task<ModelInfo> GetModelAsync(CancellationToken cancellationToken = default) => GetAsync<ModelInfo>("api/v1/model", cancellationToken)!;

    /// <summary>The live figures (admin key when keys are configured), as the service's JSON.</summary>
    public Task<JsonElement> GetMetricsAsync(CancellationToken cancellationToken = default) => GetAsync<JsonElement>("api/v1/metrics", cancellationToken);

    private async Task<T?> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private async Task<T?> PostAsync<T>(string path, JsonObject body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(path, body, Json, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemReader.ToExceptionAsync(response, cancellationToken);
        }

        return response.StatusCode == HttpStatusCode.NoContent ? default : await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
    }

    private sealed record RecommendAnswer(
        string SessionId, string RecommendationId, IReadOnlyList<string> Recommendations, IReadOnlyList<double> Scores,
        bool UsedColdstart, string Strategy, string Model, string Message);
}
