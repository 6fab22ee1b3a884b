using SessionRec.Core.Ranking;

namespace SessionRec.Models.Knn;

/// <summary>
/// Per-call working memory of <see cref="VsknnModel"/>, pooled so a recommendation allocates nothing once warm.
/// Dense arrays are reset lazily with generation stamps instead of being cleared on every call.
/// </summary>
internal sealed class VsknnScratch
{
    public VsknnScratch(int itemCount, int neighbors)
    {
        CurrentStamp = new int[itemCount + 1];
        ScoreStamp = new int[itemCount + 1];
        ExcludeStamp = new int[itemCount + 1];
        Scores = new float[itemCount + 1];
        Touched = new int[itemCount];
        Neighbors = new ScoredItem[neighbors];
    }

    public int Generation { get; private set; }

    public int[] CurrentStamp { get; }

    public int[] ScoreStamp { get; }

    public int[] ExcludeStamp { get; }

    public float[] Scores { get; }

    public int[] Touched { get; }

    public ScoredItem[] Neighbors { get; }

    public int[] CurrentItems { get; private set; } = new int[64];

    public float[] CurrentWeights { get; private set; } = new float[64];

    /// <summary>Per current item: the next posting to visit, counting down towards its list start.</summary>
    public int[] Cursors { get; private set; } = new int[64];

    /// <summary>Per current item: whether the session just merged holds it.</summary>
    public bool[] Matched { get; private set; } = new bool[64];

    /// <summary>Starts a call: a fresh generation invalidates every stamp, and buffers grow to the session length.</summary>
    public void Begin(int sessionLength)
    {
        if (Generation == int.MaxValue)
        {
            Array.Clear(CurrentStamp);
            Array.Clear(ScoreStamp);
            Array.Clear(ExcludeStamp);
            Generation = 0;
        }

        Generation++;
        if (CurrentItems.Length < sessionLength)
        {
            int size = Math.Max(sessionLength, CurrentItems.Length * 2);
            CurrentItems = new int[size];
            CurrentWeights = new float[size];
            Cursors = new int[size];
            Matched = new bool[size];
        }
    }

    /// <summary>
    /// Ranks the <paramref name="scored"/> touched items by score × <paramref name="itemFactor"/> (all 1 when empty)
    /// into <paramref name="destination"/>, best first, skipping excluded items and scores ≤ 0; returns the count.
    /// </summary>
    public int RankTouched(int scored, ReadOnlySpan<int> exclude, ReadOnlySpan<float> itemFactor, Span<ScoredItem> destination) =>
        RankTouched(scored, exclude, itemFactor, default, destination);

    /// <summary><see cref="RankTouched(int, ReadOnlySpan{int}, ReadOnlySpan{float}, Span{ScoredItem})"/> within <paramref name="mask"/>.</summary>
    public int RankTouched(int scored, ReadOnlySpan<int> exclude, ReadOnlySpan<float> itemFactor, ItemMask mask, Span<ScoredItem> destination)
    {
        int g = Generation;
        foreach (int item in exclude)
        {
            if (item > 0 && item < ExcludeStamp.Length)
            {
                ExcludeStamp[item] = g;
            }
        }

        int count = 0;
        for (int t = 0; t < scored; t++)
        {
            int item = Touched[t];
            float score = itemFactor.IsEmpty ? Scores[item] : Scores[item] * itemFactor[item];
            if (ExcludeStamp[item] != g && score > 0 && mask.Contains(item))
            {
                TopK.Offer(destination, ref count, new ScoredItem(item, score));
            }
        }

        TopK.SortDescending(destination[..count]);
        return count;
    }
}
