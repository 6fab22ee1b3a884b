using System.Numerics;
using System.Runtime.InteropServices;
using SessionRec.Core.Ranking;

namespace SessionRec.Training.Sasrec;

/// <summary>
/// <see cref="TopK.Select(ReadOnlySpan{float}, ReadOnlySpan{int}, Span{ScoredItem})"/>'s result (the same items in the
/// same order: higher score first, ties to the lower index, NaN and excluded items skipped), faster over a long score
/// row: once the heap is full, a whole vector of scores none of which beats the heap's worst is skipped with one
/// compare. A score equal to the worst never enters there, because the worst's index is lower than any later one.
/// </summary>
internal static class ScoreRowTopK
{
    public static int Select(ReadOnlySpan<float> scores, ReadOnlySpan<int> exclude, Span<ScoredItem> destination)
    {
        int k = destination.Length;
        int count = 0;
        if (k == 0)
        {
            return 0;
        }

        int i = 1;
        for (; i < scores.Length && count < k; i++)
        {
            Offer(scores, i, exclude, destination, ref count);
        }

        int width = Vector<float>.Count;
        ref float start = ref MemoryMarshal.GetReference(scores);
        for (; i + width <= scores.Length; i += width)
        {
            if (Vector.GreaterThanAny(Vector.LoadUnsafe(ref start, (nuint)i), new Vector<float>(destination[0].Score)))
            {
                for (int j = i; j < i + width; j++)
                {
                    Offer(scores, j, exclude, destination, ref count);
                }
            }
        }

        for (; i < scores.Length; i++)
        {
            Offer(scores, i, exclude, destination, ref count);
        }

        TopK.SortDescending(destination[..count]);
        return count;
    }

    private static void Offer(ReadOnlySpan<float> scores, int i, ReadOnlySpan<int> exclude, Span<ScoredItem> heap, ref int count)
    {
        float s = scores[i];
        if (!float.IsNaN(s) && (count < heap.Length || s >= heap[0].Score) && !exclude.Contains(i))
        {
            TopK.Offer(heap, ref count, new ScoredItem(i, s));
        }
    }
}
