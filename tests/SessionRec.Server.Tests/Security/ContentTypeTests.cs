using System.Net;
using System.Text;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Security;

/// <summary>
/// Finding 7 of issue 10 (last part): bodies without <c>Content-Type: application/json</c> were accepted, so any web
/// page could make its visitors' browsers send clicks through a plain form post. Now they are a 415.
/// </summary>
public sealed class ContentTypeTests : IDisposable
{
    private const string Click = "{\"session_id\":\"s\",\"item_id\":\"P00001\"}";
    private readonly SessionRecFactory _factory = new();

    [Theory]
    [InlineData("/api/v1/click", null)]
    [InlineData("/api/v1/click", "text/plain")]
    [InlineData("/api/v1/click", "application/x-www-form-urlencoded")]
    [InlineData("/api/v1/click", "multipart/form-data; boundary=x")]
    [InlineData("/api/v1/recommend", "text/plain")]
    [InlineData("/api/v1/feedback", "text/plain")]
    [InlineData("/api/v1/sessions/delete", "text/plain")]
    public async Task Bodies_that_are_not_declared_json_are_a_415_and_nothing_is_stored(string path, string? contentType)
    {
        var client = _factory.CreateClient();

        var response = await client.PostBytesAsync(path, Encoding.UTF8.GetBytes(Click), contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("application/json", (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await client.MetricsAsync()).GetProperty("clicks_total").GetInt64());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    public async Task Json_bodies_are_accepted(string contentType)
    {
        var response = await _factory.CreateClient().PostBytesAsync("/api/v1/click", Encoding.UTF8.GetBytes(Click), contentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
