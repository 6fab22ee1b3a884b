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

    internal void Request(bool ok)
    {
        Interlocked.Increment(ref _requests);
        if (!ok)
        {
            Interlocked.Increment(ref _errors);
        }
    }

    internal void Prediction(bool hit, bool afterFirstClick)
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
