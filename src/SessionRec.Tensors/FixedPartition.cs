namespace SessionRec.Tensors;

/// <summary>
/// Splits a range into at most <see cref="TensorEngine.ThreadCount"/> fixed, contiguous parts. The parts depend only on
/// the range, the granularity and the thread count, never on scheduling, which keeps results reproducible.
/// </summary>
internal static class FixedPartition
{
    /// <summary>Runs <paramref name="body"/>(part, start, end) over parts of [0, count) aligned to <paramref name="grain"/>.</summary>
    public static void For(int count, int grain, int minPerPart, Action<int, int, int> body)
    {
        int parts = PartCount(count, grain, minPerPart);
        if (parts <= 1)
        {
            body(0, 0, count);
            return;
        }

        int units = (count + grain - 1) / grain;
        int unitsPerPart = (units + parts - 1) / parts;
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
        {
            int start = Math.Min(count, part * unitsPerPart * grain);
            int end = Math.Min(count, (part + 1) * unitsPerPart * grain);
            if (start < end)
            {
                body(part, start, end);
            }
        });
    }

    public static int PartCount(int count, int grain, int minPerPart)
    {
        int threads = TensorEngine.ThreadCount;
        if (threads <= 1 || count <= 0)
        {
            return 1;
        }

        int units = (count + grain - 1) / grain;
        int byWork = Math.Max(1, count / Math.Max(1, minPerPart));
        return Math.Max(1, Math.Min(threads, Math.Min(units, byWork)));
    }
}
