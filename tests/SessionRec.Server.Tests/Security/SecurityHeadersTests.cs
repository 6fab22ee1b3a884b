using System.Net;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Security;

/// <summary>Finding 7 of issue 10: no security headers; CORS is configurable and off by default.</summary>
public sealed class SecurityHeadersTests : IDisposable
{
    private readonly SessionRecFactory _factory = new();

    [Theory]
    [InlineData("/")]
    [InlineData("/dashboard/")]
    [InlineData("/docs/index.html")]
    [InlineData("/api/v1/health")]
    [InlineData("/api/v1/items/P00001")]
    [InlineData("/api/v1/items/NOPE")]
    [InlineData("/api/v1/nothing")]
    public async Task Every_response_carries_the_standard_headers(string path)
    {
        var response = await _factory.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_configured_origins_there_is_no_cors()
    {
        var response = await _factory.CreateClient().SendAsync(Preflight("https://shop.example"), TestContext.Current.CancellationToken);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Configured_origins_may_call_the_api_from_the_browser_and_others_may_not()
    {
        using var factory = new SessionRecFactory().With("Cors:Origins:0", "https://shop.example");
        var client = factory.CreateClient();

        var allowed = await client.SendAsync(Preflight("https://shop.example"), TestContext.Current.CancellationToken);
        var other = await client.SendAsync(Preflight("https://evil.example"), TestContext.Current.CancellationToken);

        Assert.Equal("https://shop.example", Header(allowed, "Access-Control-Allow-Origin"));
        Assert.Contains("x-api-key", Header(allowed, "Access-Control-Allow-Headers").ToLowerInvariant(), StringComparison.Ordinal);
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/click");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-api-key");
        return request;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : $"<no {name}, status {(int)response.StatusCode}>";

    public void Dispose() => _factory.Dispose();
}
