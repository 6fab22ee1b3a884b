namespace SessionRec.Tensors;

/// <summary>
/// Recycles float arrays between the batches of one tape. Tensors need arrays of exactly their element count, so
/// <see cref="Rent"/> matches lengths exactly; arrays stay pooled across batches, so shapes that recur a few batches
/// later still hit, and when the pool holds more than its budget the lengths used longest ago are handed back to the GC.
/// Scratch whose users pass explicit sizes (a block of catalog-wide scores, whose row count changes every batch) takes
/// <see cref="RentAtLeast"/> and is kept by capacity instead, outside the budget: any kept array at least as long
/// serves, so the largest block seen serves every batch. When the scores of a whole batch of long histories (310 MB on
/// Beauty) went through the budgeted pool, they were dropped and allocated afresh page by page: 72% of a training
/// run's page faults and most of its 18% system time.
/// </summary>
internal sealed class TensorPool(long budgetBytes)
{
    private readonly Dictionary<int, Bucket> buckets = [];
    private readonly List<float[]> spare = [];
    private long pooledBytes;
    private long generation;

    /// <summary>Bytes currently held for reuse (scratch kept by capacity included).</summary>
    public long PooledBytes => pooledBytes + spare.Sum(a => 4L * a.Length);

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

    /// <summary>
    /// An array of at least <paramref name="length"/> elements: the shortest kept scratch that is long enough, else a
    /// new one rounded up to a size class (at most 1/8 waste). Return it through <see cref="ReleaseScratch"/>.
    /// With <paramref name="clear"/>, its first <paramref name="length"/> elements are zero.
    /// </summary>
    public float[] RentAtLeast(int length, bool clear)
    {
        int best = -1;
        for (int i = 0; i < spare.Count; i++)
        {
            if (spare[i].Length >= length && (best < 0 || spare[i].Length < spare[best].Length))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            int size = SizeClass(length);
            return clear ? new float[size] : GC.AllocateUninitializedArray<float>(size);
        }

        var array = spare[best];
        spare.RemoveAt(best);
        if (clear)
        {
            Array.Clear(array, 0, length);
        }

        return array;
    }

    /// <summary>
    /// Keeps the scratch arrays of the batch just finished, as many as it used: the longest of those and of the ones
    /// kept before, so the largest batch seen sets the capacity.
    /// </summary>
    public void ReleaseScratch(List<float[]> used)
    {
        if (used.Count == 0)
        {
            return;
        }

        int keep = used.Count;
        spare.AddRange(used);
        spare.Sort((a, b) => b.Length.CompareTo(a.Length));
        if (spare.Count > keep)
        {
            spare.RemoveRange(keep, spare.Count - keep);
        }
    }

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
