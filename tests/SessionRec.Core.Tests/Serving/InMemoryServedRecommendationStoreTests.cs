using Microsoft.Extensions.Time.Testing;
using SessionRec.Core.Privacy;
using SessionRec.Core.Serving;

namespace SessionRec.Core.Tests.Serving;

public class InMemoryServedRecommendationStoreTests
{
    private static readonly SessionKey A = new("a");
    private static readonly SessionKey B = new("b");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private ServedRecommendation Served(string id, SessionKey session) => new(id, session, ["x", "y"], false, _time.GetUtcNow());

    [Fact]
    public void A_recommendation_is_taken_once_and_only_by_its_session()
    {
        using var ledger = new InMemoryServedRecommendationStore(TestOptions.Sessions(), _time);
        ledger.Record(Served("r1", A));

        Assert.Null(ledger.Take(B, "r1"));
        Assert.NotNull(ledger.Take(A, "r1"));
        Assert.Null(ledger.Take(A, "r1"));
    }

    [Fact]
    public void The_next_click_takes_every_pending_recommendation()
    {
        using var ledger = new InMemoryServedRecommendationStore(TestOptions.Sessions(), _time);
        ledger.Record(Served("r1", A));
        ledger.Record(Served("r2", A));
        ledger.Record(Served("r3", B));

        Assert.Equal(["r1", "r2"], ledger.TakeAll(A).Select(r => r.Id));
        Assert.Empty(ledger.TakeAll(A));
        Assert.Null(ledger.Take(A, "r2"));
        Assert.NotNull(ledger.Take(B, "r3"));
    }

    [Fact]
    public void Records_expire_with_the_session_ttl_and_are_swept()
    {
        using var ledger = new InMemoryServedRecommendationStore(TestOptions.Sessions(ttl: TimeSpan.FromMinutes(10)), _time);
        ledger.Record(Served("r1", A));
        _time.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal(0, ledger.SessionsHeld);
        Assert.Null(ledger.Take(A, "r1"));
    }

    [Fact]
    public void Delete_forgets_the_session_and_pending_records_are_bounded()
    {
        using var ledger = new InMemoryServedRecommendationStore(TestOptions.Sessions(), _time);
        for (int i = 0; i < 100; i++)
        {
            ledger.Record(Served($"r{i}", A));
        }

        Assert.Equal(InMemoryServedRecommendationStore.MaxPendingPerSession, ledger.TakeAll(A).Count);
        ledger.Record(Served("r", A));
        ledger.DeleteSession(A);
        Assert.Null(ledger.Take(A, "r"));
        Assert.Equal(0, ledger.SessionsHeld);
    }
}
