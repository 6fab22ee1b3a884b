using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SessionRec.Core.Privacy;
using SessionRec.Core.Sessions;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Security;

/// <summary>One place maps failures to responses: a fault nobody expected is a generic 500 problem, never its text.</summary>
public sealed class ErrorMappingTests
{
    [Theory]
    [InlineData("/api/v1/click", "{\"session_id\":\"s\",\"item_id\":\"P00001\"}")]
    [InlineData("/api/v1/recommend", "{\"session_id\":\"s\"}")]
    [InlineData("/api/v1/sessions/delete", "{\"session_id\":\"s\"}")]
    public async Task An_unexpected_fault_is_a_generic_500_problem_without_exception_text(string path, string body)
    {
        using var factory = new SessionRecFactory().WithServices(s => s.AddSingleton<ISessionStore, BrokenStore>());

        var response = await factory.CreateClient().PostJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(500, (await response.ReadJsonAsync()).GetProperty("status").GetInt32());
        Assert.DoesNotContain("kaputt", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("BrokenStore", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Store_outages_on_the_erasure_by_post_are_a_503_with_Retry_After()
    {
        using var factory = new SessionRecFactory().WithServices(s => s.AddSingleton<ISessionStore, BrokenStore>(_ => new BrokenStore(unavailable: true)));

        var response = await factory.CreateClient().PostJsonAsync("/api/v1/sessions/delete", "{\"session_id\":\"s\"}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Contains("not deleted", (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private sealed class BrokenStore(bool unavailable = false) : ISessionStore
    {
        public string Provider => "broken";

        public ValueTask AppendAsync(SessionKey key, string itemId, CancellationToken cancellationToken = default) => throw Fault();

        public ValueTask<IReadOnlyList<string>> ReadAsync(SessionKey key, CancellationToken cancellationToken = default) => throw Fault();

        public ValueTask<bool> DeleteAsync(SessionKey key, CancellationToken cancellationToken = default) => throw Fault();

        public ValueTask<long> CountActiveAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(0L);

        public ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

        private Exception Fault() => unavailable ? new SessionStoreUnavailableException("down") : new InvalidOperationException("kaputt");
    }
}
