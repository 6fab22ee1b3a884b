using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SessionRec.Core.Sessions;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Security;

/// <summary>
/// Finding 4 of issue 10 (the HTTP half): <c>DELETE /api/v1/sessions/x%2Fy</c> answered 204 and left <c>x/y</c>
/// alone. Deletion works for every id a click accepts, also by POST so ids stay out of URLs; Redis mode needs a
/// shared secret; the secret can rotate without losing live sessions.
/// </summary>
public sealed class ErasureTests : IDisposable
{
    private readonly SessionRecFactory _factory = new();

    public static TheoryData<string> Ids => new() { "x/y", "a%2Fb", "100%", "a%25b", "with space", "x+y", "ü-ß-日本", "emoji-😀", "a?b#c", "..", "a\\b" };

    /// <summary>As in <see cref="Ids"/>, less "..", which HTTP clients normalise out of a URL before sending it.</summary>
    public static TheoryData<string> UrlIds => new() { "x/y", "a%2Fb", "100%", "a%25b", "with space", "x+y", "ü-ß-日本", "emoji-😀", "a?b#c", "a\\b" };

    [Theory]
    [MemberData(nameof(UrlIds))]
    public async Task Delete_by_url_erases_the_session_a_click_created(string sessionId)
    {
        // Over a real socket, as clients send it: the raw request target is what the server decodes.
        _factory.UseKestrel(0);
        _factory.StartServer();
        var client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.ClickAsync(sessionId, "P00001")).StatusCode);
        Assert.NotEmpty(await _factory.ReadSessionAsync(sessionId));

        var response = await client.DeleteAsync("/api/v1/sessions/" + Uri.EscapeDataString(sessionId), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await _factory.ReadSessionAsync(sessionId));
    }

    [Fact]
    public async Task Delete_by_url_with_a_raw_slash_erases_that_session()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
        var client = _factory.CreateClient();
        await client.ClickAsync("x/y", "P00001");

        var response = await client.DeleteAsync("/api/v1/sessions/x/y", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await _factory.ReadSessionAsync("x/y"));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Delete_by_post_erases_the_session_and_its_pending_recommendations(string sessionId)
    {
        var client = _factory.CreateClient();
        await client.ClickAsync(sessionId, "P00001");
        await client.RecommendAsync(sessionId);
        var other = await client.ClickAsync("bystander", "P00001");

        var response = await client.PostAsJsonAsync("/api/v1/sessions/delete", new { session_id = sessionId }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await _factory.ReadSessionAsync(sessionId));
        Assert.NotEmpty(await _factory.ReadSessionAsync("bystander"));
        var clickAfter = await client.ClickAsync(sessionId, "P00002");
        Assert.Equal(HttpStatusCode.OK, clickAfter.StatusCode);
        Assert.Equal(0, (await client.MetricsAsync()).GetProperty("resolved_recommendations").GetInt64());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"session_id\":\"\"}")]
    [InlineData("{\"session_id\":7}")]
    public async Task Delete_by_post_with_a_bad_id_is_a_400(string body)
    {
        var response = await _factory.CreateClient().PostJsonAsync("/api/v1/sessions/delete", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("session_id", out _));
    }

    [Fact]
    public void Redis_mode_refuses_to_start_without_a_shared_secret_and_names_the_setting()
    {
        using var factory = new SessionRecFactory()
            .With("SessionStore:Provider", "redis")
            .With("Redis:ConnectionString", "127.0.0.1:1");

        Assert.Contains("Privacy:SessionIdSecret is required with SessionStore:Provider=redis", factory.StartUpFailure(), StringComparison.Ordinal);
    }

    [Fact]
    public void Previous_secrets_must_be_long_enough()
    {
        using var factory = new SessionRecFactory()
            .With("Privacy:SessionIdSecret", "current-secret-0123456789")
            .With("Privacy:PreviousSessionIdSecrets:0", "short");

        Assert.Contains("Privacy:PreviousSessionIdSecrets", factory.StartUpFailure(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotated_secret_keeps_live_sessions_and_erasure_still_erases_them()
    {
        const string oldSecret = "old-secret-0123456789abcdef";
        const string newSecret = "new-secret-0123456789abcdef";
        using var oldFactory = new SessionRecFactory().With("Privacy:SessionIdSecret", oldSecret);
        // The rotated replica shares the old one's session store, as replicas share Redis.
        using var rotated = new SessionRecFactory()
            .With("Privacy:SessionIdSecret", newSecret)
            .With("Privacy:PreviousSessionIdSecrets:0", oldSecret)
            .WithServices(s => s.AddSingleton(oldFactory.Services.GetRequiredService<ISessionStore>()));

        // Two sessions live under the old secret when the replicas switch to the new one.
        var oldClient = oldFactory.CreateClient();
        await oldClient.ClickAsync("kept", "P00001");
        await oldClient.ClickAsync("kept", "P00002");
        await oldClient.ClickAsync("erased", "P00003");

        var client = rotated.CreateClient();
        var rec = await client.RecommendAsync("kept");
        Assert.False(rec.GetProperty("used_coldstart").GetBoolean()); // both old clicks are known: the model serves
        Assert.Equal(HttpStatusCode.OK, (await client.ClickAsync("kept", "P00004")).StatusCode);
        Assert.Equal(["P00001", "P00002", "P00004"], await rotated.ReadSessionAsync("kept"));

        var delete = await client.PostAsJsonAsync("/api/v1/sessions/delete", new { session_id = "erased" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Empty(await oldFactory.ReadSessionAsync("erased"));
        Assert.Empty(await oldFactory.ReadSessionAsync("kept")); // moved to the new key, nothing left under the old one
        Assert.Equal(1, await rotated.Services.GetRequiredService<ISessionStore>().CountActiveAsync(TestContext.Current.CancellationToken));
    }

    public void Dispose() => _factory.Dispose();
}
