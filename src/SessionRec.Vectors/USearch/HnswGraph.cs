using Cloud.Unum.USearch;
using SessionRec.Core.Retrieval;

namespace SessionRec.Vectors.USearch;

/// <summary>
/// A native USearch HNSW graph that is never modified after <see cref="Build"/>, with a reference count so it is
/// freed only when the last search using it ends: the index swaps graphs while searches are still running in the
/// old one, and freeing it under them would be a use-after-free in native code.
/// <para>
/// With <see cref="USearchIndexOptions.MipsTransform"/> the graph is not built on inner products directly. Inner
/// product is not a metric (an item is not its own nearest neighbour), and on trained SASRec embeddings, whose norms
/// vary with popularity, an inner-product HNSW graph reached recall@10 of only about 0.6 (docs/item-index.md).
/// Instead every item x becomes [x, sqrt(R² − |x|²)] with R the largest item norm, and a query q becomes [q, 0]:
/// then |q' − x'|² = |q|² + R² − 2 q·x, so the L2 order is exactly the inner-product order and HNSW works on a
/// true metric.
/// </para>
/// </summary>
internal sealed class HnswGraph
{
    private readonly USearchIndex? _index;
    private int _references = 1;

    private HnswGraph(USearchIndex? index, int count, int dimension)
    {
        _index = index;
        Count = count;
        QueryLength = dimension;
    }

    /// <summary>Length of the query array <see cref="Search"/> takes: the dimension, plus one with the transform.</summary>
    public int QueryLength { get; }

    /// <summary>Nodes in the graph: every stored item of the table it was built from, available or not.</summary>
    public int Count { get; }

    /// <summary>
    /// Builds a graph of every stored item of <paramref name="items"/> with inner-product distance. Unavailable items
    /// are included so that availability changes need no rebuild; searches filter them out.
    /// </summary>
    public static HnswGraph Build(ItemTable items, USearchIndexOptions options)
    {
        if (items.Count == 0)
        {
            return new HnswGraph(null, 0, items.Dimension);
        }

        bool transform = options.MipsTransform;
        int length = items.Dimension + (transform ? 1 : 0);
        double maxSquaredNorm = 0;
        for (int i = 1; i < items.Rows; i++)
        {
            if (items.Contains(i))
            {
                maxSquaredNorm = Math.Max(maxSquaredNorm, items.Dot(i, items.Vector(i)));
            }
        }

        var keys = new ulong[items.Count];
        var vectors = new float[items.Count][];
        int n = 0;
        for (int i = 1; i < items.Rows; i++)
        {
            if (items.Contains(i))
            {
                var vector = new float[length];
                items.Vector(i).CopyTo(vector);
                if (transform)
                {
                    vector[^1] = (float)Math.Sqrt(Math.Max(0, maxSquaredNorm - items.Dot(i, items.Vector(i))));
                }

                keys[n] = (ulong)i;
                vectors[n] = vector;
                n++;
            }
        }

        var index = new USearchIndex(
            transform ? MetricKind.L2sq : MetricKind.Ip,
            ScalarKind.Float32,
            (ulong)length,
            (ulong)options.M,
            (ulong)options.EfConstruction,
            (ulong)options.EfSearch);
        try
        {
            index.Add(keys, vectors);
        }
        catch
        {
            index.Dispose();
            throw;
        }

        return new HnswGraph(index, n, length);
    }

    /// <summary>Takes a reference; false once the graph is freed (the caller then reads the newer graph).</summary>
    public bool TryAcquire()
    {
        while (true)
        {
            int current = Volatile.Read(ref _references);
            if (current == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _references, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            _index?.Dispose();
        }
    }

    /// <summary>
    /// The <paramref name="count"/> nearest keys by inner product. <paramref name="query"/> holds the query in its
    /// first <see cref="QueryLength"/> values (a trailing transform value must be 0). The caller holds a reference
    /// and a search slot (the native index has a fixed number of search contexts).
    /// </summary>
    public int Search(float[] query, int count, out ulong[] keys)
    {
        if (_index is null)
        {
            keys = [];
            return 0;
        }

        return _index.Search(query, count, out keys, out _);
    }
}
