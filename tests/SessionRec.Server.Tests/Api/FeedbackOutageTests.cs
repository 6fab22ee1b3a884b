using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SessionRec.Core.ColdStart;
using SessionRec.Core.Sessions;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Api;

/// <summary>Issue 10, finding 5: feedback while the learning store is down answers 503 and loses nothing.</summary>
public sealed class FeedbackOutageTests : IDisposable
{
    private readonly FlakyArms _arms = new();
    private readonly SessionRecFactory _factory;

    public FeedbackOutageTests() => _factory = new SessionRecFactory().WithServices(s => s.AddSingleton<IBanditArmStore>(_arms));

    [Fact]
    public async Task Feedback_during_an_outage_is_503_with_Retry_After_and_the_record_stays_pending()
    {
        var client = _factory.CreateClient();
        var rec = await client.RecommendAsync("f");
        Assert.True(rec.GetProperty("used_coldstart").GetBoolean());
        string body = $"{{\"session_id\":\"f\",\"recommendation_id\":\"{rec.GetProperty("recommendation_id").GetString()}\",\"clicked_item\":null}}";

        _arms.Down = true;
        var during = await client.PostJsonAsync("/api/v1/feedback", body);
        _arms.Down = false;
        var after = await client.PostJsonAsync("/api/v1/feedback", body);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.NotNull(during.Headers.RetryAfter);
        Assert.Equal("application/problem+json", during.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.True((await after.ReadJsonAsync()).GetProperty("counted").GetBoolean());
        Assert.Equal(1, (await client.MetricsAsync()).GetProperty("resolved_recommendations").GetInt64());
    }

    public void Dispose() => _factory.Dispose();

    private sealed class FlakyArms : IBanditArmStore
    {
        private readonly InMemoryBanditArmStore _inner = new();

        public volatile bool Down;

        public ValueTask<ArmCounts[]> GetAsync(IReadOnlyList<string> items, CancellationToken cancellationToken = default) =>
            Down ? throw new SessionStoreUnavailableException("down") : _inner.GetAsync(items, cancellationToken);

        public ValueTask AddAsync(IReadOnlyList<ArmReward> rewards, CancellationToken cancellationToken = default) =>
            Down ? throw new SessionStoreUnavailableException("down") : _inner.AddAsync(rewards, cancellationToken);
    }
}
