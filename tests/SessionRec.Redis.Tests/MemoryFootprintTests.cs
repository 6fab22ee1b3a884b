using System.Globalization;
using SessionRec.Core.Privacy;
using SessionRec.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace SessionRec.Redis.Tests;

/// <summary>
/// What one session costs in Redis, measured with MEMORY USAGE (the figures docs/redis.md quotes for sizing); the
/// bounds are loose on purpose and only catch a layout change that multiplies the cost.
/// </summary>
public sealed class MemoryFootprintTests(RedisStandalone redis)
{
    private static readonly SessionIdHasher Hasher = new("memory-tests-secret"u8.ToArray());

    [Theory]
    [InlineData("P{0:D5}")]
    [InlineData("{0:D9}")]
    [InlineData("https://shop.example/items/sku-{0:D8}")]
    public async Task A_full_50_click_session_costs_a_few_hundred_bytes_plus_its_index_entry(string itemFormat)
    {
        var ct = TestContext.Current.CancellationToken;
        const int sessions = 2000;
        var options = TestConnections.Options(redis.ConnectionString);
        var store = TestConnections.Store(redis.Connection, options);
        var keys = new RedisKeyLayout(options.KeyPrefix);
        var first = Hasher.Hash("session-0");
        for (int i = 0; i < 60; i++)
        {
            await store.AppendAsync(first, string.Format(CultureInfo.InvariantCulture, itemFormat, 100_000 + (i * 7919)), ct);
        }

        // Bounded concurrency: 2,000 appends at once can outlast the tests' short operation timeout on a busy machine.
        await Parallel.ForEachAsync(Enumerable.Range(1, sessions - 1), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct },
            async (i, token) => await store.AppendAsync(Hasher.Hash($"session-{i}"), "P00001", token));

        var db = redis.Connection.GetDatabase();
        long clicks = (long)await db.ExecuteAsync("MEMORY", "USAGE", keys.Clicks(first), "SAMPLES", "0");
        long index = 0;
        foreach (var shard in keys.AllIndexShards)
        {
            index += (long)await db.ExecuteAsync("MEMORY", "USAGE", shard, "SAMPLES", "0");
        }

        long indexPerSession = index / sessions;
        TestContext.Current.TestOutputHelper?.WriteLine($"{itemFormat}: 50 clicks {clicks} B, index {indexPerSession} B per session, total {clicks + indexPerSession} B");
        Assert.Equal(50, (await store.ReadAsync(first, ct)).Count);
        Assert.InRange(clicks, 100, 4096);
        Assert.InRange(indexPerSession, 20, 400);
    }
}
