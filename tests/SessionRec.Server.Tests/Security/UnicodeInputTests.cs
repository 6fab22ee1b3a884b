using System.Net;
using System.Text;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Security;

/// <summary>
/// Finding 3 of issue 10: a lone surrogate escape or invalid UTF-8 inside a JSON string was a 500 with a stack trace
/// in the log. Every string a client sends must be valid Unicode, or the request is a 400 naming the field.
/// </summary>
public sealed class UnicodeInputTests : IDisposable
{
    private readonly SessionRecFactory _factory = new();

    public static TheoryData<string, string, string> LoneSurrogates => new()
    {
        // endpoint, body, field named in the problem
        { "/api/v1/click", "{\"session_id\":\"\\ud800\",\"item_id\":\"P00001\"}", "session_id" },
        { "/api/v1/click", "{\"session_id\":\"s\",\"item_id\":\"P0\\udc00\"}", "item_id" },
        { "/api/v1/recommend", "{\"session_id\":\"a\\ud800b\"}", "session_id" },
        { "/api/v1/feedback", "{\"session_id\":\"\\udfff\",\"recommendation_id\":\"r\"}", "session_id" },
        { "/api/v1/feedback", "{\"session_id\":\"s\",\"recommendation_id\":\"\\ud800\"}", "recommendation_id" },
        { "/api/v1/feedback", "{\"session_id\":\"s\",\"recommended_items\":[\"P00001\",\"\\ud800\"]}", "recommended_items" },
        { "/api/v1/feedback", "{\"session_id\":\"s\",\"recommended_items\":[\"P00001\"],\"clicked_item\":\"\\ud800\"}", "clicked_item" },
        { "/api/v1/sessions/delete", "{\"session_id\":\"\\ud800\"}", "session_id" },
    };

    [Theory]
    [MemberData(nameof(LoneSurrogates))]
    public async Task A_lone_surrogate_is_a_400_naming_the_field(string path, string body, string field)
    {
        var response = await _factory.CreateClient().PostJsonAsync(path, body);

        await AssertBadRequestNamingAsync(response, field);
    }

    public static TheoryData<string, string, string, byte[]> InvalidUtf8 => new()
    {
        // endpoint, JSON before the bad bytes, after them, the bad bytes
        { "/api/v1/click", "{\"session_id\":\"a", "\",\"item_id\":\"P00001\"}", [0xFF] },
        { "/api/v1/click", "{\"session_id\":\"s\",\"item_id\":\"P", "\"}", [0xC3, 0x28] },
        { "/api/v1/recommend", "{\"session_id\":\"", "\"}", [0xED, 0xA0, 0x80] }, // a surrogate encoded as UTF-8
        { "/api/v1/recommend", "{\"session_id\":\"", "\"}", [0xC0, 0xAF] }, // overlong
        { "/api/v1/feedback", "{\"session_id\":\"s\",\"recommendation_id\":\"", "\"}", [0xF8, 0x88, 0x80, 0x80, 0x80] },
        { "/api/v1/sessions/delete", "{\"session_id\":\"x", "\"}", [0x80] },
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8))]
    public async Task Invalid_utf8_inside_a_string_is_a_400_naming_the_field(string path, string before, string after, byte[] bad)
    {
        byte[] body = [.. Encoding.UTF8.GetBytes(before), .. bad, .. Encoding.UTF8.GetBytes(after)];

        var response = await _factory.CreateClient().PostBytesAsync(path, body);

        await AssertBadRequestNamingAsync(response, "session_id", "item_id", "recommendation_id");
    }

    [Fact]
    public async Task Invalid_unicode_is_logged_without_a_stack_trace()
    {
        var client = _factory.CreateClient();
        await client.PostJsonAsync("/api/v1/click", "{\"session_id\":\"\\ud800\",\"item_id\":\"P00001\"}");
        await client.PostBytesAsync("/api/v1/recommend", [.. "{\"session_id\":\""u8, 0xFF, .. "\"}"u8]);

        Assert.DoesNotContain(_factory.Logs.Lines, line => line.Contains("Exception", StringComparison.Ordinal) || line.Contains("   at ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("%ED%A0%80")]
    [InlineData("a%FFb")]
    [InlineData("%C0%AF")]
    public async Task Invalid_utf8_in_a_path_id_is_a_400(string encoded)
    {
        _factory.UseKestrel(0); // the raw request target, as a real server receives it
        _factory.StartServer();
        var client = _factory.CreateClient();
        var delete = await client.DeleteAsync($"/api/v1/sessions/{encoded}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Equal("application/problem+json", delete.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("%ED%A0%80")]
    [InlineData("a%FFb")]
    public async Task Invalid_utf8_in_a_written_item_id_is_a_400_and_nothing_is_stored(string encoded)
    {
        _factory.UseKestrel(0); // the raw request target, as a real server receives it
        _factory.StartServer();
        var client = _factory.CreateClient();
        var put = await client.PutAsync($"/api/v1/items/{encoded}",
            new StringContent("{\"name\":\"x\"}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        await AssertBadRequestNamingAsync(put, "item_id");
        var search = await client.GetStringAsync("/api/v1/catalog/changes", TestContext.Current.CancellationToken);
        Assert.DoesNotContain("%", search, StringComparison.Ordinal);
    }

    private static async Task AssertBadRequestNamingAsync(HttpResponseMessage response, params string[] fields)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.True(fields.Any(f => errors.TryGetProperty(f, out _)), $"problem names one of {string.Join(", ", fields)}: {text}");
        Assert.Contains("Unicode", text, StringComparison.Ordinal);
    }

    public void Dispose() => _factory.Dispose();
}
