namespace SessionRec.Cli.Simulation;

/// <summary>
/// Running totals of a simulation, safe to read while it runs. "Predictions" are recommendations followed by a
/// click; those made after the session's first click are counted apart, because that is what the offline next-item
/// protocol measures (it never predicts the first click).
/// </summary>
public sealed class SimulationStats
{
    private long _requests;
    private long _errors;
    private long _predictions;
    private long _hits;
    private long _laterPredictions;
    private long _laterHits;
    private long _skippedClicks;
    private long _sessions;

    public long Requests => Interlocked.Read(ref _requests);

    public long Errors => Interlocked.Read(ref _errors);

    public long Predictions => Interlocked.Read(ref _predictions);

    public long Hits => Interlocked.Read(ref _hits);

    public long SessionsDone => Interlocked.Read(ref _sessions);

    /// <summary>Clicks on items the service does not know, dropped like offline evaluation drops them.</summary>
    public long SkippedClicks => Interlocked.Read(ref _skippedClicks);

    /// <summary>Hit rate@K of every recommendation, in percent.</summary>
    public double HitRate => Percent(Hits, Predictions);

    /// <summary>Hit rate@K of recommendations made after the session's first click (the next-item protocol), in percent.</summary>
    public double HitRateAfterFirstClick => Percent(Interlocked.Read(ref _laterHits), Interlocked.Read(ref _laterPredictions));

    public long PredictionsAfterFirstClick => Interlocked.Read(ref _laterPredictions);

    /// <summary>HR@K / MRR@K (K the requested list length) over every recommendation followed by a click.</summary>
    public SimulationQuality All { get; } = new();

    /// <summary>Made after the session's first click: what the offline next-item protocol measures.</summary>
    public SimulationQuality AfterFirstClick { get; } = new();

    /// <summary>Made when the session held exactly one click (where the cold-start threshold decides).</summary>
    public SimulationQuality AfterOneClick { get; } = new();

    /// <summary>After the first click, the clicked item was already in the session.</summary>
    public SimulationQuality RepeatTargets { get; } = new();

    /// <summary>After the first click, the clicked item was new to the session.</summary>
    public SimulationQuality NewTargets { get; } = new();

    internal void Request(bool ok)
    {
        Interlocked.Increment(ref _requests);
        if (!ok)
        {
            Interlocked.Increment(ref _errors);
        }
    }

    /// <param name="rank">0-based position of the clicked item in the served list, −1 when absent.</param>
    /// <param name="clicksBefore">Clicks the session held when the recommendation was made.</param>
    /// <param name="repeat">The clicked item was already in the session.</param>
    internal void Prediction(int rank, int clicksBefore, bool repeat)
    {
        Prediction(rank is >= 0 and < 10, clicksBefore > 0);
        All.Add(rank);
        if (clicksBefore == 0)
        {
            return;
        }

        AfterFirstClick.Add(rank);
        (repeat ? RepeatTargets : NewTargets).Add(rank);
        if (clicksBefore == 1)
        {
            AfterOneClick.Add(rank);
        }
    }

    private void Prediction(bool hit, bool afterFirstClick)
    {
        Interlocked.Increment(ref _predictions);
        if (hit)
        {
            Interlocked.Increment(ref _hits);
        }

        if (afterFirstClick)
        {
            Interlocked.Increment(ref _laterPredictions);
            if (hit)
            {
                Interlocked.Increment(ref _laterHits);
            }
        }
    }

    internal void SkippedClick() => Interlocked.Increment(ref _skippedClicks);

    internal void SessionDone() => Interlocked.Increment(ref _sessions);

    private static double Percent(long part, long whole) => whole == 0 ? 0 : 100.0 * part / whole;
}
