using SessionRec.Core.Catalog;
using SessionRec.Core.Experiments;
using SessionRec.Core.Ranking;
using SessionRec.Core.Serving;

namespace SessionRec.Server.Hosting;

/// <summary>
/// Writes catalog changes (availability, category) into the served models' item indexes (exact, USearch or Qdrant)
/// through <see cref="IMutableItemIndex.UpsertAsync"/>, so the indexes themselves stop returning unavailable items.
/// Ranking also masks them, so recommendations hide them at once even before this completes; this keeps each index's
/// own view (health, Qdrant payload filters, other readers) true. The model is resolved through its slot at write
/// time (every experiment arm has its own), so a reload or an arm swap is followed without being told; a model
/// published by a reload is brought up to the catalog with <see cref="FollowAsync"/>.
/// </summary>
public sealed partial class ItemIndexCatalogSync(
    ModelSlot models,
    ServedItemVectors vectors,
    ILogger<ItemIndexCatalogSync> logger,
    ExperimentArms? experiments = null) : ICatalogChangeSink
{
    public async Task ApplyAsync(IReadOnlyList<CatalogChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var slot in Slots())
        {
            // Leased: a reload that swaps this model meanwhile must not dispose the index being written.
            using var lease = slot.Acquire();
            if (lease.Loaded is { } loaded)
            {
                await WriteAsync(loaded, changes.Select(c => c.Item), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Writes the catalog's unavailable items into a newly loaded model's index: it was built from the model's files
    /// alone, so it would otherwise know nothing of earlier catalog writes until the next one.
    /// </summary>
    public Task FollowAsync(LoadedModel loaded, ItemCatalog catalog, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(catalog);
        return WriteAsync(loaded, catalog.Snapshot.Items.Values.Where(item => !item.Available), cancellationToken);
    }

    private IEnumerable<ModelSlot> Slots()
    {
        yield return models;
        foreach (var arm in experiments?.Arms ?? [])
        {
            // The control arm serves from the service's own slot, already written.
            if (!ReferenceEquals(arm.Slot, models))
            {
                yield return arm.Slot;
            }
        }
    }

    private async Task WriteAsync(LoadedModel loaded, IEnumerable<CatalogItem> items, CancellationToken cancellationToken)
    {
        if (loaded.Index is not IMutableItemIndex index)
        {
            return;
        }

        var vocabulary = loaded.Model.Vocabulary;
        var upserts = new List<ItemUpsert>();
        foreach (var item in items)
        {
            if (vocabulary.TryGetIndex(item.ItemId, out int row) && vectors.TryGet(loaded.Index, row, out var vector))
            {
                upserts.Add(new ItemUpsert(row, vector, item.Category, item.Available));
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
