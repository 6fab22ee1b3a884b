using System.Net;
using System.Text.Json;

namespace SessionRec.Server.Tests.Infrastructure;

/// <summary>The three health endpoints as a load balancer or Kubernetes would read them.</summary>
public static class HealthClient
{
    public sealed record Health(HttpStatusCode Code, JsonElement Body, string Text)
    {
        public string Status => Body.GetProperty("status").GetString()!;

        public string Component(string name) => Body.GetProperty("components").GetProperty(name).GetString()!;

        public string Detail(string name) => Body.GetProperty("details").GetProperty(name).GetString()!;
    }

    public static async Task<Health> HealthAsync(this HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/health", TestContext.Current.CancellationToken);
        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new Health(response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), text);
    }

    public static async Task<HttpStatusCode> ProbeAsync(this HttpClient client, string path) =>
        (await client.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode;
}
