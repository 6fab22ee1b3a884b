using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SessionRec.Core.Privacy;
using SessionRec.Core.Serving;
using SessionRec.Core.Sessions;

namespace SessionRec.Benchmarks.Serving;

/// <summary>
/// Bytes the in-process stores hold per session: N sessions with one click each and one pending served record
/// (k=10), measured as the growth of the managed heap after full collections (GC.GetTotalMemory(true)). Item ids are
/// the catalog's own strings, as the click endpoint stores them; keys and recommendation ids are made as the service
/// makes them. Run: dotnet run -c Release --project bench/SessionRec.Benchmarks -- --session-memory [N]
/// </summary>
public static class SessionMemoryReport
{
    public static void Run(int sessions)
    {
        var time = TimeProvider.System;
        var retention = Options.Create(new SessionRetentionOptions { MaxActive = Math.Max(sessions, 1) });
        var recommendations = Options.Create(new RecommendationOptions { MaxPending = Math.Max(sessions, 1) });
        string[] catalog = [.. Enumerable.Range(1, 1200).Select(i => $"P{i:D5}")];
        var hasher = SessionIdHasher.WithRandomSecret();
        var random = new Random(42);

        using var store = new InMemorySessionStore(retention, time);
        using var served = new InMemoryServedRecommendationStore(retention, recommendations, time);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        for (int i = 0; i < sessions; i++)
        {
            var key = hasher.Hash($"visitor-{i}");
            store.AppendAsync(key, catalog[random.Next(catalog.Length)]).AsTask().GetAwaiter().GetResult();
            var items = new string[10];
            for (int j = 0; j < items.Length; j++)
            {
                items[j] = catalog[random.Next(catalog.Length)];
            }

            served.Record(new ServedRecommendation(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), hasher.Hash($"visitor-{i}"), items, true, time.GetUtcNow()));
        }

        long after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(store);
        GC.KeepAlive(served);
        double perSession = (after - before) / (double)sessions;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{sessions:N0} sessions (1 click + 1 pending record each): managed heap +{(after - before) / 1048576.0:F1} MB, {perSession:F0} B per session; pending records {served.PendingCount:N0}"));
    }
}
