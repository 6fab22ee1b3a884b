using System.Net;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Security;

/// <summary>
/// Finding 2 of issue 10 (last part): one client sent ~10k requests/s with nothing to stop it. Limits per client
/// address (per endpoint group) and per session answer 429 problem+json with Retry-After.
/// </summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task One_session_flooding_clicks_gets_429s_while_other_sessions_still_click()
    {
        using var factory = new SessionRecFactory()
            .With("RateLimits:PerSession:PermitsPerSecond", "1")
            .With("RateLimits:PerSession:Burst", "3");
        var client = factory.CreateClient();

        var responses = await SendAsync(12, () => client.ClickAsync("flooder", "P00001"));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        var rejected = responses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);

        Assert.NotNull(rejected);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(rejected.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, (await client.ClickAsync("bystander", "P00001")).StatusCode);
        int accepted = statuses.Count(s => s == HttpStatusCode.OK);
        Assert.Equal(accepted, (await factory.ReadSessionAsync("flooder")).Count); // rejected clicks were not stored
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task Recommend_and_feedback_count_against_the_session_too()
    {
        using var factory = new SessionRecFactory()
            .With("RateLimits:PerSession:PermitsPerSecond", "1")
            .With("RateLimits:PerSession:Burst", "2");
        var client = factory.CreateClient();

        int sent = 0;
        var responses = await SendAsync(16, () => sent++ % 2 == 0
            ? client.PostJsonAsync("/api/v1/recommend", "{\"session_id\":\"r\"}")
            : client.PostJsonAsync("/api/v1/feedback", "{\"session_id\":\"r\",\"recommended_items\":[\"P00001\"]}"));

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task One_address_flooding_the_public_api_gets_429s_and_the_admin_group_has_its_own_budget()
    {
        using var factory = new SessionRecFactory()
            .With("RateLimits:Public:PermitsPerSecond", "1")
            .With("RateLimits:Public:Burst", "3");
        var client = factory.CreateClient();

        var responses = await SendAsync(12, () => client.GetAsync("/api/v1/items/P00001", TestContext.Current.CancellationToken));

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/metrics", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Forwarded_addresses_count_only_from_a_configured_proxy()
    {
        using var trusting = Kestrel(new SessionRecFactory().With("Proxy:KnownProxies:0", "127.0.0.1"));
        using var ignoring = Kestrel(new SessionRecFactory());

        // Behind the trusted proxy, each forwarded client has its own budget.
        Assert.Contains(HttpStatusCode.TooManyRequests, await FloodAsync(trusting.CreateClient(), "10.0.0.1"));
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, await FloodAsync(trusting.CreateClient(), "10.0.0.2", 2));

        // Without it, X-Forwarded-For is the client's own claim: every request counts against the connection's address.
        Assert.Contains(HttpStatusCode.TooManyRequests, await FloodAsync(ignoring.CreateClient(), "10.0.0.1"));
        Assert.Contains(HttpStatusCode.TooManyRequests, await FloodAsync(ignoring.CreateClient(), "10.0.0.2", 2));
    }

    private static SessionRecFactory Kestrel(SessionRecFactory factory)
    {
        factory.With("RateLimits:Public:PermitsPerSecond", "1").With("RateLimits:Public:Burst", "3");
        factory.UseKestrel(0);
        factory.StartServer();
        return factory;
    }

    private static async Task<List<HttpStatusCode>> FloodAsync(HttpClient client, string forwardedFor, int count = 12)
    {
        var responses = await SendAsync(count, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/items/P00001");
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            return client.SendAsync(request, TestContext.Current.CancellationToken);
        });
        return [.. responses.Select(r => r.StatusCode)];
    }

    /// <summary>Sends one request after another, as fast as they are answered.</summary>
    private static async Task<List<HttpResponseMessage>> SendAsync(int count, Func<Task<HttpResponseMessage>> send)
    {
        var responses = new List<HttpResponseMessage>(count);
        for (int i = 0; i < count; i++)
        {
            responses.Add(await send());
        }

        return responses;
    }
}
