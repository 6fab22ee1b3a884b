using System.Net;
using System.Net.Http.Headers;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Security;

/// <summary>
/// Finding 7 of issue 10: the management surface answered anyone. With <c>Auth:ApiKeys</c> configured, public
/// endpoints need a public (or admin) key and management endpoints an admin key; with none the service stays open.
/// </summary>
public sealed class ApiKeyTests : IDisposable
{
    private const string PublicKey = "public-key-0123456789abcdef";
    private const string OtherPublicKey = "public-key-rotated-987654321";
    private const string AdminKey = "admin-key-0123456789abcdef";

    private readonly SessionRecFactory _factory = new SessionRecFactory()
        .With("Auth:ApiKeys:0:Key", PublicKey).With("Auth:ApiKeys:0:Role", "public")
        .With("Auth:ApiKeys:1:Key", OtherPublicKey).With("Auth:ApiKeys:1:Role", "public")
        .With("Auth:ApiKeys:2:Key", AdminKey).With("Auth:ApiKeys:2:Role", "admin");

    public static TheoryData<string, string, string?> PublicRequests => new()
    {
        { "POST", "/api/v1/click", "{\"session_id\":\"s\",\"item_id\":\"P00001\"}" },
        { "POST", "/api/v1/recommend", "{\"session_id\":\"s\"}" },
        { "POST", "/api/v1/feedback", "{\"session_id\":\"s\",\"recommended_items\":[\"P00001\"],\"clicked_item\":null}" },
        { "POST", "/api/v1/sessions/delete", "{\"session_id\":\"s\"}" },
        { "DELETE", "/api/v1/sessions/s", null },
        { "GET", "/api/v1/items/P00001", null },
    };

    public static TheoryData<string, string, string?> AdminRequests => new()
    {
        { "GET", "/api/v1/metrics", null },
        { "GET", "/api/v1/metrics/history", null },
        { "GET", "/api/v1/model", null },
        { "GET", "/metrics", null },
        { "GET", "/openapi/v1.json", null },
    };

    [Theory]
    [MemberData(nameof(PublicRequests))]
    [MemberData(nameof(AdminRequests))]
    public async Task Without_a_key_every_api_request_is_a_401_problem_with_a_challenge(string method, string path, string? body)
    {
        var response = await _factory.CreateClient().SendAsync(Request(method, path, body, key: null), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    [Theory]
    [MemberData(nameof(PublicRequests))]
    public async Task Public_and_admin_keys_both_pass_public_endpoints(string method, string path, string? body)
    {
        var client = _factory.CreateClient();
        foreach (var key in new[] { PublicKey, OtherPublicKey, AdminKey })
        {
            var response = await client.SendAsync(Request(method, path, body, key), TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"{method} {path} with {key}: {(int)response.StatusCode}");
        }
    }

    [Theory]
    [MemberData(nameof(AdminRequests))]
    public async Task Admin_endpoints_need_the_admin_role(string method, string path, string? body)
    {
        var client = _factory.CreateClient();

        var withPublic = await client.SendAsync(Request(method, path, body, PublicKey), TestContext.Current.CancellationToken);
        var withAdmin = await client.SendAsync(Request(method, path, body, AdminKey), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, withPublic.StatusCode);
        Assert.Equal("application/problem+json", withPublic.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, withAdmin.StatusCode);
    }

    [Theory]
    [InlineData("wrong-key-0123456789abcdef")]
    [InlineData("public-key-0123456789abcde")] // a prefix of a real key
    [InlineData("public-key-0123456789abcdefX")]
    [InlineData("")]
    public async Task A_wrong_key_is_a_401(string key)
    {
        var request = Request("GET", "/api/v1/items/P00001", null, null);
        request.Headers.TryAddWithoutValidation("X-Api-Key", key);

        var response = await _factory.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_key_may_come_as_a_bearer_token()
    {
        var request = Request("GET", "/api/v1/metrics", null, null);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);

        var response = await _factory.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Without_keys_the_service_is_open_and_says_so_once_at_start()
    {
        using var open = new SessionRecFactory();
        var client = open.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.ClickAsync("s", "P00001")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/metrics", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/metrics", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Single(open.Logs.Lines, line => line.Contains("Auth:ApiKeys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_keys_the_start_up_log_does_not_say_open()
    {
        await _factory.CreateClient().GetAsync("/api/v1/health", TestContext.Current.CancellationToken);

        Assert.DoesNotContain(_factory.Logs.Lines, line => line.Contains("Auth:ApiKeys", StringComparison.Ordinal));
        Assert.DoesNotContain(_factory.Logs.Lines, line => line.Contains(AdminKey, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0:Role", "root")]
    [InlineData("0:Key", "short")]
    public void Invalid_keys_stop_the_server_at_start(string setting, string value)
    {
        using var factory = new SessionRecFactory()
            .With("Auth:ApiKeys:0:Key", PublicKey).With("Auth:ApiKeys:0:Role", "public")
            .With("Auth:ApiKeys:" + setting, value);

        Assert.Contains("Auth:ApiKeys", factory.StartUpFailure(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_and_docs_pages_load_but_their_data_needs_the_admin_key()
    {
        var client = _factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard/", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/docs/index.html", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public void Authentication_brings_no_data_protection_key_ring_to_disk()
    {
        // Data Protection writes its key ring under the user's profile at start; nothing here needs it.
        Assert.Null(_factory.Services.GetService(typeof(Microsoft.AspNetCore.DataProtection.IDataProtectionProvider)));
    }

    [Theory]
    [InlineData("/api/v1/health")]
    [InlineData("/alive")]
    [InlineData("/ready")]
    public async Task Health_stays_open_for_load_balancers_and_probes(string path)
    {
        var response = await _factory.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static HttpRequestMessage Request(string method, string path, string? body, string? key)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return request;
    }

    public void Dispose() => _factory.Dispose();
}
