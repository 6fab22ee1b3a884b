using SessionRec.Core.Catalog;
using SessionRec.Core.Sessions;

namespace SessionRec.Server.Hosting;

/// <summary>
/// After start-up has read the seed catalog: applies the catalog writes other replicas made before this one started,
/// and from then on every write they announce. A shared store that is away at start leaves this replica on its seed
/// (logged), which is why the write path fails rather than half-applies while the store is away.
/// </summary>
public sealed partial class CatalogFeedSubscription(ICatalogFeed feed, CatalogSlot catalogSlot, IServiceProvider services, ILogger<CatalogFeedSubscription> logger) : IHostedService
{
    // Resolved at start, not construction: the writer needs the catalog, which start-up reads first.
    private CatalogWriter? _writer;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (catalogSlot.Published is null)
        {
            return; // no catalog to apply writes to (a start-up that failed, or a test's own start-up)
        }

        var writer = _writer = services.GetRequiredService<CatalogWriter>();
        try
        {
            var stored = await feed.SubscribeAsync(items => _ = ApplyAsync(items), cancellationToken);
            if (stored.Count > 0)
            {
                await writer.ApplyRemoteAsync(stored, cancellationToken);
                LogLoaded(logger, stored.Count);
            }
        }
        catch (SessionStoreUnavailableException e)
        {
            LogUnavailable(logger, e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ApplyAsync(IReadOnlyList<CatalogItem> items)
    {
        try
        {
            await _writer!.ApplyRemoteAsync(items);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogApplyFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} catalog entries written at run time by other replicas.")]
    private static partial void LogLoaded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shared catalog feed is unreachable at start: serving the seed catalog without run-time writes.")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A catalog change from another replica could not be applied to the item index.")]
    private static partial void LogApplyFailed(ILogger logger, Exception exception);
}
