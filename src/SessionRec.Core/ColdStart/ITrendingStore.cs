namespace SessionRec.Core.ColdStart;

/// <summary>
/// Time-decayed click counts, the candidates of cold start: shared learning state, so every replica's clicks make
/// items trend everywhere. Reads may come from a cache refreshed about once a second; a store that cannot reach its
/// backend answers from the last list it knew, so cold start keeps working.
/// </summary>
public interface ITrendingStore
{
    ValueTask RecordAsync(string itemId, CancellationToken cancellationToken = default);

    /// <summary>Adds counts (e.g. from a training log) so cold start has candidates before any live click.</summary>
    ValueTask SeedAsync(IEnumerable<KeyValuePair<string, double>> counts, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="count"/> items, hottest first.</summary>
    ValueTask<IReadOnlyList<string>> TopAsync(int count, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="TopAsync"/>, saying whether the list is this process's last copy because the shared backend could
    /// not be read: cold start then still serves, and its answer says so. In-process stores are never stale.
    /// </summary>
    async ValueTask<TrendingTop> ReadTopAsync(int count, CancellationToken cancellationToken = default) =>
        new(await TopAsync(count, cancellationToken), Stale: false);
}

/// <summary>Trending items, hottest first; <paramref name="Stale"/> when they are a local copy kept through an outage.</summary>
public readonly record struct TrendingTop(IReadOnlyList<string> Items, bool Stale);
