using System.Net;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Client.Tests;

/// <summary>Every endpoint through the typed client, against the real server in memory.</summary>
public sealed class ClientApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Click_recommend_feedback_and_erase_a_session()
    {
        using var factory = new SessionRecFactory();
        var (client, services) = ClientFixture.For(factory);
        await using var scope = services;

        var clicked = await client.ClickAsync("visitor-1", "P00001", eventId: "e1", cancellationToken: Ct);
        var again = await client.ClickAsync("visitor-1", "P00001", eventId: "e1", cancellationToken: Ct);
        var next = await client.RecommendAsync("visitor-1", k: 5, cancellationToken: Ct);
        var feedback = await client.FeedbackAsync("visitor-1", next.RecommendationId, next.Items[0], Ct);
        await client.DeleteSessionAsync("visitor-1", Ct);
        var afterErasure = await client.RecommendAsync("visitor-1", cancellationToken: Ct);

        Assert.Equal("success", clicked.Status);
        Assert.Contains("already recorded", again.Message, StringComparison.Ordinal);
        Assert.Equal(5, next.Items.Count);
        Assert.Equal(5, next.Scores.Count);
        Assert.False(next.UsedColdstart);
        Assert.DoesNotContain("P00001", next.Items);
        Assert.True(feedback.Counted);
        Assert.True(feedback.Hit);
        Assert.True(afterErasure.UsedColdstart);
        Assert.Equal(10, afterErasure.Items.Count);
    }

    [Fact]
    public async Task Items_health_model_and_metrics()
    {
        using var factory = new SessionRecFactory();
        var (client, services) = ClientFixture.For(factory);
        await using var scope = services;

        var item = await client.GetItemAsync("P00001", Ct);
        var missing = await client.GetItemAsync("NOPE", Ct);
        var health = await client.GetHealthAsync(Ct);
        var model = await client.GetModelAsync(Ct);
        var metrics = await client.GetMetricsAsync(Ct);

        Assert.Equal("P00001", item!.ItemId);
        Assert.False(string.IsNullOrEmpty(item.Category));
        Assert.Null(missing);
        Assert.Equal("healthy", health.Status);
        Assert.Equal("healthy", health.Components.Model);
        Assert.Equal(model.Version, health.Version);
        Assert.Equal("vsknn", model.Name);
        Assert.True(model.Items > 0);
        Assert.True(metrics.TryGetProperty("hit_rate_at_10", out _));
    }

    [Fact]
    public async Task Problem_json_becomes_an_exception_with_the_field_errors()
    {
        using var factory = new SessionRecFactory();
        var (client, services) = ClientFixture.For(factory);
        await using var scope = services;

        var invalid = await Assert.ThrowsAsync<SessionRecApiException>(() => client.ClickAsync("s", new string('x', 200), cancellationToken: Ct));
        var unknown = await Assert.ThrowsAsync<SessionRecApiException>(() => client.ClickAsync("s", "NOPE", cancellationToken: Ct));
        var outOfRange = await Assert.ThrowsAsync<SessionRecApiException>(() => client.RecommendAsync("s", k: 101, cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("128", Assert.Single(invalid.Errors["item_id"]), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("NOPE", unknown.Detail, StringComparison.Ordinal);
        Assert.True(outOfRange.Errors.ContainsKey("k"));
    }

    [Fact]
    public async Task The_api_key_option_is_sent_and_a_missing_key_is_a_401()
    {
        using var factory = new SessionRecFactory().With("Auth:ApiKeys:0:Key", "public-key-0123456789abcdef").With("Auth:ApiKeys:0:Role", "public");
        var (keyed, keyedServices) = ClientFixture.For(factory, o => o.ApiKey = "public-key-0123456789abcdef");
        var (anonymous, anonymousServices) = ClientFixture.For(factory);
        await using var scope = keyedServices;
        await using var scope2 = anonymousServices;

        var next = await keyed.RecommendAsync("s", 3, Ct);
        var refused = await Assert.ThrowsAsync<SessionRecApiException>(() => anonymous.RecommendAsync("s", 3, Ct));
        var forbidden = await Assert.ThrowsAsync<SessionRecApiException>(() => keyed.GetModelAsync(Ct));

        Assert.Equal(3, next.Items.Count);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task Every_call_honours_cancellation()
    {
        using var factory = new SessionRecFactory();
        var (client, services) = ClientFixture.For(factory);
        await using var scope = services;
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ClickAsync("s", "P00001", cancellationToken: cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.RecommendAsync("s", cancellationToken: cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetHealthAsync(cancelled.Token));
    }
}
