using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SessionRec.Core.Privacy;
using SessionRec.Core.Sessions;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Api;

public sealed partial class HealthAndDocsTests
{
    [Fact]
    public async Task Health_is_200_healthy_when_every_probe_succeeds_and_names_what_each_component_is()
    {
        using var factory = new SessionRecFactory();
        var client = factory.CreateClient();
        var health = await client.HealthAsync();

        Assert.Equal(HttpStatusCode.OK, health.Code);
        Assert.Equal("healthy", health.Status);
        foreach (var name in new[] { "session_store", "vector_store", "model" })
        {
            Assert.Equal("healthy", health.Component(name));
        }

        Assert.Equal("in-memory", health.Detail("session_store"));
        Assert.Equal("not used: the model ranks items itself", health.Detail("vector_store"));
        Assert.Equal("vsknn (demo)", health.Detail("model"));
        Assert.Equal(HttpStatusCode.OK, await client.ProbeAsync("/ready"));
        Assert.Equal(HttpStatusCode.OK, await client.ProbeAsync("/alive"));
    }

    [Fact]
    public async Task Health_is_200_degraded_naming_the_store_when_it_is_down_because_recommendations_still_flow()
    {
        using var factory = new SessionRecFactory().WithServices(s => s.AddSingleton<ISessionStore, DownStore>());
        var client = factory.CreateClient();
        var health = await client.HealthAsync();

        Assert.Equal(HttpStatusCode.OK, health.Code);
        Assert.Equal("degraded", health.Status);
        Assert.Equal("unhealthy", health.Component("session_store"));
        Assert.Equal("down: unreachable", health.Detail("session_store"));
        Assert.Equal("healthy", health.Component("model"));
        Assert.Equal(HttpStatusCode.OK, await client.ProbeAsync("/ready"));
    }

    [Fact]
    public async Task OpenAPI_describes_every_endpoint()
    {
        using var factory = new SessionRecFactory();
        var doc = await (await factory.CreateClient().GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken)).ReadJsonAsync();
        var paths = doc.GetProperty("paths");

        foreach (var path in new[] { "/api/v1/click", "/api/v1/recommend", "/api/v1/feedback", "/api/v1/metrics", "/api/v1/health", "/api/v1/sessions/{session_id}", "/api/v1/items/{item_id}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }

        Assert.True(doc.GetProperty("components").GetProperty("schemas").TryGetProperty("RecommendResponse", out var schema));
        Assert.True(schema.GetProperty("properties").TryGetProperty("used_coldstart", out _));
    }

    [Theory]
    [InlineData("/docs/index.html")]
    [InlineData("/")]
    public async Task Pages_work_offline_without_external_assets(string path)
    {
        using var factory = new SessionRecFactory();
        var client = factory.CreateClient();
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(ExternalAsset().Matches(html));
        foreach (Match asset in LocalAsset().Matches(html))
        {
            var url = new Uri(new Uri("http://localhost" + path), asset.Groups[1].Value).PathAndQuery;
            var assetResponse = await client.GetAsync(url, TestContext.Current.CancellationToken);
            Assert.True(assetResponse.IsSuccessStatusCode, url);
            Assert.Empty(ExternalAsset().Matches(await assetResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        }
    }

    [GeneratedRegex("(?:src|href)=\"(?:https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalAsset();

    [GeneratedRegex("(?:src|href)=\"([^\"#:]+\\.(?:js|css))\"", RegexOptions.IgnoreCase)]
    private static partial Regex LocalAsset();

    private sealed class DownStore : ISessionStore
    {
        public string Provider => "down";

        public ValueTask AppendAsync(SessionKey key, string itemId, CancellationToken cancellationToken = default) => throw new InvalidOperationException("down");

        public ValueTask<IReadOnlyList<string>> ReadAsync(SessionKey key, CancellationToken cancellationToken = default) => throw new InvalidOperationException("down");

        public ValueTask<bool> DeleteAsync(SessionKey key, CancellationToken cancellationToken = default) => throw new InvalidOperationException("down");

        public ValueTask<long> CountActiveAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(0L);

        public ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(false);
    }
}
