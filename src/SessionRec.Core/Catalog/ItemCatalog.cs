namespace SessionRec.Core.Catalog;

/// <summary>
/// The items clients may click (a click on anything else is rejected) and may be recommended (available ones). The
/// file or demo seeds it at start; <see cref="Apply"/> changes it while the service runs. Reads go to an immutable
/// <see cref="CatalogSnapshot"/> published with one reference swap, so they never lock; writes copy the snapshot, which
/// is cheap next to how rarely a shop changes its catalog, and batches pay the copy once.
/// </summary>
public sealed class ItemCatalog
{
    private const int RecentLimit = 50;

    private readonly Lock _writeLock = new();
    private readonly Queue<CatalogChange> _recent = new();
    private CatalogSnapshot _snapshot;

    public ItemCatalog(IEnumerable<CatalogItem> items, string source)
    {
        ArgumentNullException.ThrowIfNull(items);
        _snapshot = CatalogSnapshot.Empty.With(items, out _);
        Source = source;
    }

    /// <summary>Where the catalog came from (a file path, "model", "demo"), for health and logs.</summary>
    public string Source { get; }

    /// <summary>The current state; a consistent view that later changes do not alter.</summary>
    public CatalogSnapshot Snapshot => Volatile.Read(ref _snapshot);

    public int Count => Snapshot.Count;

    /// <summary>Item ids in load order (items added at run time last).</summary>
    public IEnumerable<string> Ids => Snapshot.Ids;

    public bool Contains(string itemId) => Snapshot.Items.ContainsKey(itemId);

    public bool TryGet(string itemId, out CatalogItem item) => Snapshot.Items.TryGetValue(itemId, out item!);

    /// <summary>Raised after every change, with what changed (on the writer's thread).</summary>
    public event Action<IReadOnlyList<CatalogChange>>? Changed;

    /// <summary>The entries <paramref name="updates"/> would write: each update merged over the current item (fields
    /// it leaves out keep their value) or over a new item's defaults. Later updates of one id merge over earlier ones.</summary>
    public IReadOnlyList<CatalogItem> Resolve(IReadOnlyList<CatalogUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var snapshot = Snapshot;
        var merged = new Dictionary<string, CatalogItem>(StringComparer.Ordinal);
        var order = new List<string>(updates.Count);
        foreach (var update in updates)
        {
            if (!merged.TryGetValue(update.ItemId, out var current))
            {
                order.Add(update.ItemId);
                snapshot.Items.TryGetValue(update.ItemId, out current);
            }

            merged[update.ItemId] = update.ApplyTo(current);
        }

        return [.. order.Select(id => merged[id])];
    }

    /// <summary>Writes whole entries (new or replacing), as one change; returns what changed, in order.</summary>
    public IReadOnlyList<CatalogChange> Apply(IReadOnlyList<CatalogItem> items, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(items);
        CatalogChange[] changes;
        lock (_writeLock)
        {
            var before = _snapshot;
            var after = before.With(items, out _);
            changes = [.. items.Select(item => new CatalogChange(item, !before.Items.ContainsKey(item.ItemId), at))];
            foreach (var change in changes)
            {
                _recent.Enqueue(change);
                if (_recent.Count > RecentLimit)
                {
                    _recent.Dequeue();
                }
            }

            Volatile.Write(ref _snapshot, after);
        }

        Changed?.Invoke(changes);
        return changes;
    }

    /// <summary>The latest changes, newest first (at most 50).</summary>
    public IReadOnlyList<CatalogChange> RecentChanges()
    {
        lock (_writeLock)
        {
            return [.. _recent.Reverse()];
        }
    }

    /// <summary>A catalog that only knows ids (e.g. a model's items.txt), named and categorised by id.</summary>
    public static ItemCatalog FromIds(IEnumerable<string> ids, string source) =>
        new(ids.Select(id => new CatalogItem(id, id, string.Empty, EmptyAttributes)), source);

    internal static readonly IReadOnlyDictionary<string, string> EmptyAttributes = new Dictionary<string, string>();
}
