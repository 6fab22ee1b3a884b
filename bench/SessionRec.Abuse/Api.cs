using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SessionRec.Abuse;

/// <summary>The few calls the probes make, over one pooled HttpClient.</summary>
internal sealed class Api(Uri baseAddress)
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 32 }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public Task<HttpResponseMessage> PostAsync(string path, object body) => _http.PostAsJsonAsync(path, body);

    public Task<HttpResponseMessage> PostRawAsync(string path, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return _http.PostAsync(path, content);
    }

    /// <summary>A measuring call: waits out a 429 as its Retry-After says, so the figure is never lost to the limiter.</summary>
    public async Task<string[]> RecommendAsync(string session, int k = 10)
    {
        using var response = await PatientAsync(() => PostAsync("/api/v1/recommend", new { session_id = session, k }));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.GetProperty("recommendations").EnumerateArray().Select(e => e.GetString()!)];
    }

    public async Task<HttpStatusCode> ClickAsync(string session, string item)
    {
        using var response = await PostAsync("/api/v1/click", new { session_id = session, item_id = item });
        return response.StatusCode;
    }

    /// <summary>A click from a client that paces itself to the limits: retries every 429 after its Retry-After.</summary>
    public async Task<HttpStatusCode> ClickPatientlyAsync(string session, string item)
    {
        using var response = await PatientAsync(() => PostAsync("/api/v1/click", new { session_id = session, item_id = item }));
        return response.StatusCode;
    }

    public async Task<JsonElement> MetricsAsync()
    {
        using var response = await PatientAsync(() => _http.GetAsync(new Uri("/api/v1/metrics", UriKind.Relative)));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static async Task<HttpResponseMessage> PatientAsync(Func<Task<HttpResponseMessage>> send)
    {
        while (true)
        {
            var response = await send();
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                return response;
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait);
        }
    }

    /// <summary>Runs <paramref name="count"/> calls, <paramref name="parallel"/> at a time.</summary>
    public static Task ManyAsync(int count, int parallel, Func<int, Task> call) =>
        Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) => await call(i));

    public static string Item(int i) => string.Create(CultureInfo.InvariantCulture, $"P{i:D5}");

    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
}
