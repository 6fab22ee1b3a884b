namespace SessionRec.Tensors;

/// <summary>
/// Recycles float arrays between the batches of one tape. Tensors need arrays of exactly their element count, so
/// <see cref="Rent"/> matches lengths exactly; scratch whose users pass explicit sizes (the catalog-wide scores, whose
/// row count changes every batch) takes <see cref="RentAtLeast"/>, rounded up to a size class (at most 1/8 waste) so
/// one array serves many batches. Arrays stay pooled across batches, so shapes that recur a few batches later still
/// hit; when the pool holds more than its budget, the lengths used longest ago are handed back to the GC.
/// </summary>
internal sealed class TensorPool(long budgetBytes)
{
    private readonly Dictionary<int, Bucket> buckets = [];
    private long pooledBytes;
    private long generation;

    /// <summary>Bytes currently held for reuse.</summary>
    public long PooledBytes => pooledBytes;

    public float[] Rent(int length, bool clear)
    {
        if (length == 0)
        {
            return [];
        }

        if (buckets.TryGetValue(length, out var bucket) && bucket.Arrays.Count > 0)
        {
            var array = bucket.Arrays.Pop();
            pooledBytes -= 4L * array.Length;
            if (clear)
            {
                Array.Clear(array);
            }

            return array;
        }

        return clear ? new float[length] : GC.AllocateUninitializedArray<float>(length);
    }

    /// <summary>An array of at least <paramref name="length"/> elements (cleared in full when asked).</summary>
    public float[] RentAtLeast(int length, bool clear) => Rent(SizeClass(length), clear);

    /// <summary><paramref name="length"/> rounded up to m·2ᵉ with m in 8..16.</summary>
    internal static int SizeClass(int length)
    {
        if (length <= 64)
        {
            return length;
        }

        int e = 28 - System.Numerics.BitOperations.LeadingZeroCount((uint)length);
        long step = 1L << e;
        return (int)Math.Min(int.MaxValue, (length + step - 1) / step * step);
    }

    /// <summary>Pools <paramref name="used"/> (the arrays of the batch just finished), then trims to the budget.</summary>
    public void Release(IEnumerable<float[]> used)
    {
        generation++;
        foreach (var array in used)
        {
            if (array.Length == 0)
            {
                continue;
            }

            if (!buckets.TryGetValue(array.Length, out var bucket))
            {
                bucket = new Bucket();
                buckets[array.Length] = bucket;
            }

            bucket.Arrays.Push(array);
            bucket.LastUsed = generation;
            pooledBytes += 4L * array.Length;
        }

        if (pooledBytes <= budgetBytes)
        {
            return;
        }

        foreach (var (length, bucket) in buckets.OrderBy(b => b.Value.LastUsed).ThenByDescending(b => b.Key).ToList())
        {
            while (bucket.Arrays.Count > 0 && pooledBytes > budgetBytes)
            {
                pooledBytes -= 4L * bucket.Arrays.Pop().Length;
            }

            if (bucket.Arrays.Count == 0)
            {
                buckets.Remove(length);
            }

            if (pooledBytes <= budgetBytes)
            {
                break;
            }
        }
    }

    private sealed class Bucket
    {
        public Stack<float[]> Arrays { get; } = new();

        public long LastUsed { get; set; }
    }
}
