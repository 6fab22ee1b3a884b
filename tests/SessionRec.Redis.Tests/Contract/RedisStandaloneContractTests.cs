using SessionRec.Core.Sessions;
using SessionRec.Redis.Tests.Infrastructure;

namespace SessionRec.Redis.Tests.Contract;

public sealed class RedisStandaloneContractTests(RedisStandalone redis) : SessionStoreContract
{
    protected override ISessionStore NewStore(int maxClicks, TimeSpan ttl) =>
        TestConnections.Store(redis.Connection, TestConnections.Options(redis.ConnectionString), maxClicks, ttl);

    protected override Task LetTimePassAsync(TimeSpan span) => Task.Delay(span, Ct);
}
