using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SessionRec.Core.Sessions;
using SessionRec.Redis.Tests.Infrastructure;

namespace SessionRec.Redis.Tests.Server;

/// <summary>
/// Issue 12 on Redis: two replicas with online session-kNN learn from the same ended sessions, whichever replica
/// the visitor used; a session erased by request reaches neither. Sessions last one second and both replicas sweep
/// every 200 ms, so they also race each other for every ended session.
/// </summary>
public sealed class OnlineReplicaTests(RedisStandalone redis) : IDisposable
{
    private const string Secret = "online-replica-tests-secret";
    private readonly string _prefix = TestConnections.UniquePrefix();
    private readonly List<RedisServerFactory> _factories = [];

    [Fact]
    public async Task A_session_ended_on_one_replica_is_in_both_windows_and_an_erased_one_in_neither()
    {
        var (a, aWindow) = Replica();
        var (b, bWindow) = Replica();

        foreach (var item in new[] { "P00004", "P00005", "P00006" })
        {
            Assert.Equal(HttpStatusCode.OK, (await a.ClickAsync("to-be-erased", item)).StatusCode);
        }

        // Erased through the other replica: erasure is shared too.
        Assert.True((await b.PostJsonAsync("/api/v1/sessions/delete", """{"session_id":"to-be-erased"}""")).IsSuccessStatusCode);
        foreach (var item in new[] { "P00001", "P00002", "P00003" })
        {
            Assert.Equal(HttpStatusCode.OK, (await a.ClickAsync("visitor", item)).StatusCode);
        }

        string[] visitor = ["P00001", "P00002", "P00003"];
        for (int i = 0; i < 300 && !(Holds(aWindow, visitor) && Holds(bWindow, visitor)); i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Equal([visitor], aWindow.Snapshot());
        Assert.Equal([visitor], bWindow.Snapshot());
    }

    public void Dispose()
    {
        foreach (var factory in _factories)
        {
            factory.Dispose();
        }
    }

    private static bool Holds(EndedSessionWindow window, string[] items) => window.Snapshot().Any(s => s.SequenceEqual(items));

    private (HttpClient Client, EndedSessionWindow Window) Replica()
    {
        var factory = new RedisServerFactory(redis.ConnectionString, _prefix, Secret)
            .With("Sessions:Ttl", "00:00:01")
            .With("Knn:Online:MaxSessions", "100")
            .With("Knn:Online:SweepInterval", "00:00:00.200")
            .With("Knn:Online:Interval", "00:00:01");
        _factories.Add(factory);
        var client = factory.CreateClient();
        return (client, factory.Services.GetRequiredService<EndedSessionWindow>());
    }
}
