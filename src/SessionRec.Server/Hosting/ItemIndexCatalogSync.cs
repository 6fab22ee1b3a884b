using SessionRec.Core.Catalog;
using SessionRec.Core.Ranking;
using SessionRec.Core.Serving;

namespace SessionRec.Server.Hosting;

/// <summary>
/// Writes catalog changes (availability, category) into the served model's item index (exact, USearch or Qdrant)
/// through <see cref="IMutableItemIndex.UpsertAsync"/>, so the index itself stops returning unavailable items. Ranking
/// also masks them, so recommendations hide them at once even before this completes; this keeps the index's own
/// view (health, Qdrant payload filters, other readers) true.
/// </summary>
public sealed partial class ItemIndexCatalogSync(ModelSlot models, ServedItemVectors vectors, ILogger<ItemIndexCatalogSync> logger) : ICatalogChangeSink
{
    public async Task ApplyAsync(IReadOnlyList<CatalogChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (models.Current is not { Index: IMutableItemIndex index } loaded)
        {
            return;
        }

        var vocabulary = loaded.Model.Vocabulary;
        var upserts = new List<ItemUpsert>(changes.Count);
        foreach (var change in changes)
        {
            if (vocabulary.TryGetIndex(change.Item.ItemId, out int row) && vectors.TryGet(row, out var vector))
            {
                upserts.Add(new ItemUpsert(row, vector, change.Item.Category, change.Item.Available));
            }
        }

        if (upserts.Count == 0)
        {
            return;
        }

        try
        {
            await index.UpsertAsync(upserts, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The write is applied and ranking masks it already; a remote index that is away catches up on the next write.
            LogIndexWriteFailed(logger, index.GetType().Name, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A catalog change could not be written to the item index {Index}; recommendations still hide unavailable items.")]
    private static partial void LogIndexWriteFailed(ILogger logger, string index, Exception exception);
}
