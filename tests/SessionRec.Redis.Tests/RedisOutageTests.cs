using System.Diagnostics;
using SessionRec.Core.Privacy;
using SessionRec.Core.Sessions;
using SessionRec.Redis.Tests.Infrastructure;

namespace SessionRec.Redis.Tests;

/// <summary>redis-server killed mid-run and restarted on the same port, under one store that is never recreated.</summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    /// <summary>Generous: the configured operation timeout is 0.5 s; this only catches a hang.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    private static readonly SessionIdHasher Hasher = new("outage-tests-secret"u8.ToArray());
    private RedisServerProcess? _server;

    private RedisServerProcess Server => _server!;

    public async ValueTask InitializeAsync() => _server = await RedisServerProcess.StartAsync();

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();

    [Fact]
    public async Task While_Redis_is_down_every_operation_fails_fast_as_unavailable_and_then_recovers_by_itself()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = await TestConnections.ConnectAsync(Server.EndPoint);
        var store = TestConnections.Store(connection, TestConnections.Options(Server.EndPoint));
        var session = Hasher.Hash("s1");
        await store.AppendAsync(session, "a", ct);
        Assert.True(await store.IsHealthyAsync(ct));

        await Server.KillAsync();

        await AssertUnavailableQuickly(() => store.AppendAsync(session, "b", ct).AsTask());
        await AssertUnavailableQuickly(() => store.ReadAsync(session, ct).AsTask());
        await AssertUnavailableQuickly(() => store.DeleteAsync(session, ct).AsTask());
        await AssertUnavailableQuickly(() => store.CountActiveAsync(ct).AsTask());
        var probe = Stopwatch.StartNew();
        Assert.False(await store.IsHealthyAsync(ct));
        Assert.True(probe.Elapsed < Bound, $"the health probe took {probe.Elapsed}");

        await Server.RestartAsync();
        await WaitUntilAsync(async () => await store.IsHealthyAsync(ct));

        // The restarted server is empty (persistence is off), and the same store object works on it again.
        await store.AppendAsync(session, "c", ct);
        Assert.Equal(["c"], await store.ReadAsync(session, ct));
        Assert.Equal(1, await store.CountActiveAsync(ct));
    }

    [Fact]
    public async Task A_store_created_while_Redis_is_down_starts_working_when_Redis_comes_up()
    {
        var ct = TestContext.Current.CancellationToken;
        await Server.KillAsync();
        var started = Stopwatch.StartNew();
        await using var connection = await TestConnections.ConnectAsync(Server.EndPoint);
        Assert.True(started.Elapsed < Bound + TimeSpan.FromSeconds(5), $"connecting to a dead Redis took {started.Elapsed}");
        var store = TestConnections.Store(connection, TestConnections.Options(Server.EndPoint));
        var session = Hasher.Hash("s2");

        await AssertUnavailableQuickly(() => store.AppendAsync(session, "a", ct).AsTask());
        Assert.False(await store.IsHealthyAsync(ct));

        await Server.RestartAsync();
        await WaitUntilAsync(async () => await store.IsHealthyAsync(ct));
        await store.AppendAsync(session, "a", ct);
        Assert.Equal(["a"], await store.ReadAsync(session, ct));
    }

    private static async Task AssertUnavailableQuickly(Func<Task> operation)
    {
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<SessionStoreUnavailableException>(operation);
        Assert.True(watch.Elapsed < Bound, $"the failure took {watch.Elapsed}");
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var limit = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(limit.Elapsed < TimeSpan.FromSeconds(30), "Redis did not come back within 30 s.");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
