namespace SessionRec.Tensors;

/// <summary>
/// Recycles float arrays by exact length, so tensors' arrays stay exactly as long as their element count. Batches
/// repeat the same few shapes, so exact buckets hit almost always. <see cref="Release"/> keeps only what the last
/// batch used: shapes that stop recurring (a different padded length, a different count of scored rows) are handed
/// back to the GC instead of accumulating.
/// </summary>
internal sealed class TensorPool
{
    private readonly Dictionary<int, Stack<float[]>> buckets = [];

    public float[] Rent(int length, bool clear)
    {
        if (length == 0)
        {
            return [];
        }

        if (buckets.TryGetValue(length, out var stack) && stack.Count > 0)
        {
            var array = stack.Pop();
            if (clear)
            {
                Array.Clear(array);
            }

            return array;
        }

        return clear ? new float[length] : GC.AllocateUninitializedArray<float>(length);
    }

    /// <summary>Drops every pooled array, then pools <paramref name="used"/> (the arrays of the batch just finished).</summary>
    public void Release(IEnumerable<float[]> used)
    {
        buckets.Clear();
        foreach (var array in used)
        {
            if (array.Length == 0)
            {
                continue;
            }

            if (!buckets.TryGetValue(array.Length, out var stack))
            {
                stack = new Stack<float[]>();
                buckets[array.Length] = stack;
            }

            stack.Push(array);
        }
    }
}
