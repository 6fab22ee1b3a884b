using System.Buffers;
using Cloud.Unum.USearch;
using SessionRec.Core.Ranking;
using SessionRec.Core.Retrieval;

namespace SessionRec.Vectors.USearch;

/// <summary>
/// Approximate top-K by inner product on a USearch HNSW graph, made safe for concurrent use.
/// <para>
/// USearch is not thread-safe as shipped: adding while searching corrupts or crashes the process, and a search
/// beyond the index's fixed number of search contexts throws. So a published graph is never written to. Writes
/// build a new <see cref="ItemTable"/> (and, when a vector changed, a new graph, on a pool thread while searches
/// keep using the old one) and publish both with one reference swap; the old graph is freed when its last search
/// ends. Deletes and payload-only upserts (same vector) reuse the graph and only swap the table, which the search
/// filters against. A semaphore keeps concurrent native searches within the search contexts: searches are
/// CPU-bound microseconds, so more of them than processors would add no throughput, only contention.
/// </para>
/// <para>
/// Exclusions and hidden (deleted or unavailable) items are handled by oversampling: the graph is asked for enough
/// candidates that K should survive the filter, and asked again with twice as many when they did not. Scores are
/// recomputed exactly from the table, so they equal the exact index's. If the graph cannot deliver (it returned
/// fewer nodes than it holds, or the native search failed), the query falls back to an exact scan of the table,
/// counted in <see cref="ExactFallbacks"/>.
/// </para>
/// </summary>
public sealed class USearchItemIndex : IMutableItemIndex, IMaskedItemIndex
{
    // Extra candidates on the first request: absorbs graph misses near the K-th item without a second search.
    private const int Margin = 16;

    private readonly USearchIndexOptions _options;
    private readonly SemaphoreSlim _searchSlots;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private Snapshot _current;
    private long _exactFallbacks;
    private int _graphBuilds = 1;
    private int _disposed;

    /// <param name="embeddings">Row-major [N + 1, dimension]; row 0 is padding and is not indexed.</param>
    public USearchItemIndex(ReadOnlySpan<float> embeddings, int dimension, USearchIndexOptions? options = null)
        : this(ItemTable.FromMatrix(embeddings, dimension), options)
    {
    }

    public USearchItemIndex(ItemTable items, USearchIndexOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        _options = options ?? new USearchIndexOptions();
        Dimension = items.Dimension;
        int slots = _options.MaxConcurrentSearches > 0
            ? Math.Min(_options.MaxConcurrentSearches, Environment.ProcessorCount)
            : Environment.ProcessorCount;
        MaxConcurrentSearches = slots;
        _searchSlots = new SemaphoreSlim(slots, slots);
        _current = new Snapshot(items, HnswGraph.Build(items, _options));
    }

    public int Dimension { get; }

    /// <summary>How many native searches may run at once (the rest wait).</summary>
    public int MaxConcurrentSearches { get; }

    /// <summary>Searches answered by the exact fallback instead of the graph; a rising count calls for a larger ef or M.</summary>
    public long ExactFallbacks => Interlocked.Read(ref _exactFallbacks);

    /// <summary>The current items; a consistent snapshot that later writes do not change.</summary>
    public ItemTable Items => Volatile.Read(ref _current).Items;

    /// <summary>Graphs built so far, the initial one included: only upserts that change a vector build one.</summary>
    public int GraphBuilds => Volatile.Read(ref _graphBuilds);

    public int Search(ReadOnlySpan<float> query, ReadOnlySpan<int> exclude, Span<ScoredItem> destination) =>
        Search(query, exclude, default, destination);

    /// <summary>A filtered search: candidates outside <paramref name="mask"/> are skipped as the graph yields them, and
    /// the oversampling loop widens the request until k allowed items are found or the graph is exhausted.</summary>
    public int Search(ReadOnlySpan<float> query, ReadOnlySpan<int> exclude, ItemMask mask, Span<ScoredItem> destination)
    {
        if (query.Length != Dimension)
        {
            throw new ArgumentException($"Query length must be {Dimension}.", nameof(query));
        }

        if (destination.IsEmpty)
        {
            return 0;
        }

        var snapshot = Acquire();
        try
        {
            return Search(snapshot, query, exclude, mask, destination);
        }
        finally
        {
            snapshot.Graph.Release();
        }
    }

    public async Task UpsertAsync(IReadOnlyList<ItemUpsert> items, CancellationToken cancellationToken = default)
    {
        ItemTable.Validate(items, Dimension);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            var current = Volatile.Read(ref _current);
            var table = current.Items.With(items, out bool vectorsChanged);
            HnswGraph? graph = null;
            if (vectorsChanged)
            {
                graph = await Task.Run(() => HnswGraph.Build(table, _options), cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _graphBuilds);
            }

            Publish(table, graph);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task DeleteAsync(IReadOnlyList<int> indices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(indices);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            Publish(Volatile.Read(ref _current).Items.Without(indices), graph: null);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Frees the native graph once running searches finish (waiting for a running write, so its new graph is not
    /// leaked); later calls throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        _writeLock.Wait();
        try
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Volatile.Read(ref _current).Graph.Release();
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static int Request(int want, int graphCount, int visible) =>
        (int)Math.Min(graphCount, ((long)want * graphCount / Math.Max(1, visible)) + Margin);

    private int Search(Snapshot snapshot, ReadOnlySpan<float> query, ReadOnlySpan<int> exclude, ItemMask mask, Span<ScoredItem> destination)
    {
        var items = snapshot.Items;
        var graph = snapshot.Graph;
        if (items.VisibleCount == 0)
        {
            return 0;
        }

        int k = destination.Length;
        var rented = ArrayPool<float>.Shared.Rent(graph.QueryLength);
        _searchSlots.Wait();
        try
        {
            // The native binding takes a whole array and reads QueryLength values from its start.
            rented.AsSpan(0, graph.QueryLength).Clear();
            query.CopyTo(rented);
            int request = Request(k + exclude.Length, graph.Count, items.VisibleCount);
            while (true)
            {
                int found = graph.Search(rented, request, out var keys);
                int count = 0;
                for (int i = 0; i < found; i++)
                {
                    int index = (int)keys[i];
                    if (items.IsVisible(index) && mask.Contains(index) && !exclude.Contains(index))
                    {
                        TopK.Offer(destination, ref count, new ScoredItem(index, items.Dot(index, query)));
                    }
                }

                if (count == k || (request == graph.Count && found == graph.Count))
                {
                    TopK.SortDescending(destination[..count]);
                    return count;
                }

                if (request == graph.Count)
                {
                    break;
                }

                request = (int)Math.Min(graph.Count, 2L * request);
            }
        }
        catch (USearchException)
        {
            // Fall through to the exact scan: a failed native search must not fail the recommendation.
        }
        finally
        {
            _searchSlots.Release();
            ArrayPool<float>.Shared.Return(rented);
        }

        Interlocked.Increment(ref _exactFallbacks);
        return items.SearchExact(query, exclude, mask, destination);
    }

    private Snapshot Acquire()
    {
        while (true)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            var snapshot = Volatile.Read(ref _current);
            if (snapshot.Graph.TryAcquire())
            {
                return snapshot;
            }
        }
    }

    // Each published snapshot owns one reference to its graph; a reused graph gains one for the new snapshot
    // before the old snapshot gives up its own, so the count never touches zero in between.
    private void Publish(ItemTable table, HnswGraph? graph)
    {
        var old = Volatile.Read(ref _current);
        if (graph is null)
        {
            graph = old.Graph;
            if (!graph.TryAcquire())
            {
                throw new ObjectDisposedException(nameof(USearchItemIndex));
            }
        }

        Interlocked.Exchange(ref _current, new Snapshot(table, graph));
        old.Graph.Release();
    }

    private sealed record Snapshot(ItemTable Items, HnswGraph Graph);
}
