using System.Numerics;
using System.Runtime.InteropServices;

namespace SessionRec.Core.Ranking;

/// <summary>
/// Selects the best entries of a dense score vector with a bounded min-heap: O(N log K) time and no
/// allocation, which matters because every recommendation scans the whole catalog.
/// </summary>
public static class TopK
{
    /// <summary>
    /// Writes the highest-scoring indices of <paramref name="scores"/> (index i is item i; index 0, the
    /// padding item, is never chosen) into <paramref name="destination"/>, best first; ties go to the lower index.
    /// Indices in <paramref name="exclude"/> are skipped. Returns how many were written.
    /// </summary>
    public static int Select(ReadOnlySpan<float> scores, ReadOnlySpan<int> exclude, Span<ScoredItem> destination) =>
        Select(scores, exclude, default, destination);

    /// <summary><see cref="Select(ReadOnlySpan{float}, ReadOnlySpan{int}, Span{ScoredItem})"/> keeping only items in
    /// <paramref name="mask"/>; the mask is tested only for candidates that would enter the top-k.</summary>
    public static int Select(ReadOnlySpan<float> scores, ReadOnlySpan<int> exclude, ItemMask mask, Span<ScoredItem> destination)
    {
        int k = destination.Length;
        if (k == 0)
        {
            return 0;
        }

        int count = 0, i = 1;
        for (; i < scores.Length && count < k; i++)
        {
            Consider(scores[i], i, exclude, mask, destination, ref count);
        }

        // Once the heap is full a candidate enters only with a score above the worst kept one (an equal score loses:
        // its index is higher), so a vector of scores none of which is higher is skipped with one compare; most of a
        // catalog-wide scan is such vectors.
        int width = Vector<float>.Count;
        ref float start = ref MemoryMarshal.GetReference(scores);
        for (; i + width <= scores.Length; i += width)
        {
            if (Vector.GreaterThanAny(Vector.LoadUnsafe(ref start, (nuint)i), new Vector<float>(destination[0].Score)))
            {
                for (int j = i; j < i + width; j++)
                {
                    Consider(scores[j], j, exclude, mask, destination, ref count);
                }
            }
        }

        for (; i < scores.Length; i++)
        {
            Consider(scores[i], i, exclude, mask, destination, ref count);
        }

        SortDescending(destination[..count]);
        return count;
    }

    private static void Consider(float s, int i, ReadOnlySpan<int> exclude, ItemMask mask, Span<ScoredItem> heap, ref int count)
    {
        if (float.IsNaN(s) || (count == heap.Length && !Better(s, i, heap[0])) || !mask.Contains(i) || exclude.Contains(i))
        {
            return;
        }

        if (count < heap.Length)
        {
            heap[count] = new ScoredItem(i, s);
            SiftUp(heap, count);
            count++;
        }
        else
        {
            heap[0] = new ScoredItem(i, s);
            SiftDown(heap, 0, count);
        }
    }

    /// <summary>
    /// Offers one candidate to a heap built by <see cref="Offer"/> calls; use when scores are not a dense
    /// vector (e.g. session-kNN visits only neighbour items). Call <see cref="SortDescending"/> at the end.
    /// </summary>
    public static void Offer(Span<ScoredItem> heap, ref int count, ScoredItem candidate)
    {
        if (count < heap.Length)
        {
            heap[count] = candidate;
            SiftUp(heap, count);
            count++;
        }
        else if (heap.Length > 0 && Better(candidate.Score, candidate.Index, heap[0]))
        {
            heap[0] = candidate;
            SiftDown(heap, 0, count);
        }
    }

    /// <summary>Sorts best first (score descending, then index ascending).</summary>
    public static void SortDescending(Span<ScoredItem> items) =>
        items.Sort(static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Index.CompareTo(b.Index));

    // "Better" puts higher scores first and breaks ties by the lower index, so results are deterministic.
    private static bool Better(float score, int index, ScoredItem than) =>
        score > than.Score || (score == than.Score && index < than.Index);

    private static void SiftUp(Span<ScoredItem> heap, int i)
    {
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!Better(heap[parent].Score, heap[parent].Index, heap[i]))
            {
                break;
            }

            (heap[parent], heap[i]) = (heap[i], heap[parent]);
            i = parent;
        }
    }

    private static void SiftDown(Span<ScoredItem> heap, int i, int count)
    {
        while (true)
        {
            int left = (2 * i) + 1;
            if (left >= count)
            {
                return;
            }

            int worst = left;
            int right = left + 1;
            if (right < count && Better(heap[left].Score, heap[left].Index, heap[right]))
            {
                worst = right;
            }

            if (!Better(heap[i].Score, heap[i].Index, heap[worst]))
            {
                return;
            }

            (heap[i], heap[worst]) = (heap[worst], heap[i]);
            i = worst;
        }
    }
}
