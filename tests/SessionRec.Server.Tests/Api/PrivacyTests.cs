using Microsoft.Extensions.DependencyInjection;
using SessionRec.Core.Sessions;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Api;

public sealed class PrivacyTests
{
    private const string SessionId = "secret-session-7f3a9c";

    [Fact]
    public async Task Session_ids_never_reach_the_logs()
    {
        using var factory = new SessionRecFactory();
        var client = factory.CreateClient();
        await client.ClickAsync(SessionId, "P00001");
        await client.ClickAsync(SessionId, "P00002");
        await client.ClickAsync(SessionId, "NOT-AN-ITEM");
        var rec = await client.RecommendAsync(SessionId);
        await client.PostJsonAsync("/api/v1/feedback", $"{{\"session_id\":\"{SessionId}\",\"recommendation_id\":\"{rec.GetProperty("recommendation_id").GetString()}\"}}");
        await client.PostJsonAsync("/api/v1/recommend", $"{{\"session_id\":\"{SessionId}\",\"k\":0}}");
        await client.DeleteAsync($"/api/v1/sessions/{SessionId}", TestContext.Current.CancellationToken);

        Assert.NotEmpty(factory.Logs.Lines);
        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains(SessionId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Session_ids_never_reach_the_logs_even_when_the_store_fails()
    {
        using var factory = new SessionRecFactory().WithServices(s => s.AddSingleton<ISessionStore, ThrowingStore>());
        var client = factory.CreateClient();
        var response = await client.ClickAsync(SessionId, "P00001");
        await client.DeleteAsync($"/api/v1/sessions/{SessionId}", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("boom", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains(SessionId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_store_is_keyed_by_hash_not_by_the_session_id()
    {
        using var factory = new SessionRecFactory();
        await factory.CreateClient().ClickAsync(SessionId, "P00001");
        var store = factory.Services.GetRequiredService<ISessionStore>();

        Assert.Empty(await store.ReadAsync(new Core.Privacy.SessionKey(SessionId), TestContext.Current.CancellationToken));
        Assert.Equal(["P00001"], await factory.ReadSessionAsync(SessionId));
    }

    [Fact]
    public async Task A_configured_secret_makes_keys_stable_across_instances()
    {
        const string secret = "shared-secret-for-replicas-0123456789";
        using var one = new SessionRecFactory().With("Privacy:SessionIdSecret", secret);
        using var two = new SessionRecFactory().With("Privacy:SessionIdSecret", secret);
        var a = one.Services.GetRequiredService<Core.Privacy.SessionIdHasher>().Hash(SessionId);
        var b = two.Services.GetRequiredService<Core.Privacy.SessionIdHasher>().Hash(SessionId);
        Assert.Equal(a, b);
        await Task.CompletedTask;
    }

    private sealed class ThrowingStore : ISessionStore
    {
        public string Provider => "throwing";

        public ValueTask AppendAsync(Core.Privacy.SessionKey key, string itemId, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException($"boom {key}");

        public ValueTask<IReadOnlyList<string>> ReadAsync(Core.Privacy.SessionKey key, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("boom");

        public ValueTask<bool> DeleteAsync(Core.Privacy.SessionKey key, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("boom");

        public ValueTask<long> CountActiveAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(0L);

        public ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(false);
    }
}
