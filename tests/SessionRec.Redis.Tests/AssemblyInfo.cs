using SessionRec.Redis.Tests.Infrastructure;

// One standalone server and one cluster for the whole run, not one per test.
[assembly: AssemblyFixture(typeof(RedisStandalone))]
[assembly: AssemblyFixture(typeof(RedisCluster))]
