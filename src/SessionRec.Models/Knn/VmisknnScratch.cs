namespace SessionRec.Models.Knn;

/// <summary>
/// Per-call working memory of <see cref="VmisknnModel"/>: V-SKNN's buffers plus the candidate sessions with their
/// similarity and match distance, and each current item's slot. Pooled, so a warm call allocates nothing.
/// </summary>
internal sealed class VmisknnScratch(int itemCount, VmisknnOptions options)
{
    public VsknnScratch Common { get; } = new(itemCount, options.Neighbors);

    /// <summary>Slot of a current item in <see cref="VsknnScratch.CurrentItems"/> (valid where its stamp is current).</summary>
    public int[] Slot { get; } = new int[itemCount + 1];

    /// <summary>Per current item: clicks back from the newest to its most recent occurrence (newest = 1).</summary>
    public int[] Distance { get; private set; } = new int[64];

    public int[] CandidateSessions { get; } = new int[options.SampleSize];

    public float[] CandidateSimilarity { get; } = new float[options.SampleSize];

    public int[] CandidateDistance { get; } = new int[options.SampleSize];

    public void Begin(int sessionLength)
    {
        Common.Begin(sessionLength);
        if (Distance.Length < Common.CurrentItems.Length)
        {
            Distance = new int[Common.CurrentItems.Length];
        }
    }
}
