namespace SessionRec.Core.Catalog;

/// <summary>Something that must follow catalog changes beyond the catalog itself (the served model's item index).</summary>
public interface ICatalogChangeSink
{
    Task ApplyAsync(IReadOnlyList<CatalogChange> changes, CancellationToken cancellationToken = default);
}

/// <summary>
/// The write path of the live catalog: merge the updates over the current entries, share them with the other replicas
/// (a shared store that is away fails the write before anything changes), apply them here, and bring the sinks along
/// before answering, so the writer's next request already sees the change everywhere on this replica.
/// </summary>
public sealed class CatalogWriter(ItemCatalog catalog, ICatalogFeed feed, IEnumerable<ICatalogChangeSink> sinks, TimeProvider time)
{
    public async Task<IReadOnlyList<CatalogChange>> WriteAsync(IReadOnlyList<CatalogUpdate> updates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var items = catalog.Resolve(updates);
        await feed.PublishAsync(items, cancellationToken);
        var changes = catalog.Apply(items, time.GetUtcNow());
        await ApplyToSinksAsync(changes, cancellationToken);
        return changes;
    }

    /// <summary>Applies entries another replica wrote (from the feed).</summary>
    public Task ApplyRemoteAsync(IReadOnlyList<CatalogItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        return ApplyToSinksAsync(catalog.Apply(items, time.GetUtcNow()), cancellationToken);
    }

    private async Task ApplyToSinksAsync(IReadOnlyList<CatalogChange> changes, CancellationToken cancellationToken)
    {
        foreach (var sink in sinks)
        {
            await sink.ApplyAsync(changes, cancellationToken);
        }
    }
}
