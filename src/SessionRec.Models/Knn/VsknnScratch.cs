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
        }
    }
}
