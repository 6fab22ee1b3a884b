namespace SessionRec.Core.Catalog;

/// <summary>
/// Shares catalog writes between replicas. A replica publishes the whole entries it wrote; every other replica applies
/// them as they arrive and, at start, loads the writes made since the shared state began. In memory there is one
/// replica and nothing to share.
/// </summary>
public interface ICatalogFeed
{
    /// <summary>Stores and announces <paramref name="items"/>; throws
    /// <see cref="Sessions.SessionStoreUnavailableException"/> when the shared store is unreachable (nothing applied).</summary>
    Task PublishAsync(IReadOnlyList<CatalogItem> items, CancellationToken cancellationToken = default);

    /// <summary>Calls <paramref name="apply"/> with every batch other replicas publish from now on, and returns the
    /// writes stored before (to apply over the start-up seed).</summary>
    Task<IReadOnlyList<CatalogItem>> SubscribeAsync(Action<IReadOnlyList<CatalogItem>> apply, CancellationToken cancellationToken = default);
}

/// <summary>One process: writes are applied locally only.</summary>
public sealed class InMemoryCatalogFeed : ICatalogFeed
{
    public Task PublishAsync(IReadOnlyList<CatalogItem> items, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IReadOnlyList<CatalogItem>> SubscribeAsync(Action<IReadOnlyList<CatalogItem>> apply, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CatalogItem>>([]);
}
