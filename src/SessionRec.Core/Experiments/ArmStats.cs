using SessionRec.Core.Metrics;

namespace SessionRec.Core.Experiments;

/// <summary>One arm's live figures on this replica: requests, cold starts, resolved recommendations and hits, and the
/// latency of its /recommend requests over the same sliding window as the service's.</summary>
public sealed class ArmStats(TimeProvider time, TimeSpan latencyWindow)
{
    private long _requests;
    private long _coldStarts;
    private long _resolved;
    private long _hits;
    private long _modelResolved;
    private long _modelHits;

    public LatencyWindow Latency { get; } = new(latencyWindow, time);

    public long Requests => Interlocked.Read(ref _requests);

    public long ColdStarts => Interlocked.Read(ref _coldStarts);

    public long Resolved => Interlocked.Read(ref _resolved);

    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Resolved recommendations the arm's model made (not cold start): what offline evaluation predicts.</summary>
    public long ModelResolved => Interlocked.Read(ref _modelResolved);

    public long ModelHits => Interlocked.Read(ref _modelHits);

    public void Served(bool coldStart)
    {
        Interlocked.Increment(ref _requests);
        if (coldStart)
        {
            Interlocked.Increment(ref _coldStarts);
        }
    }

    public void ResolvedOnce(bool hit, bool coldStart)
    {
        Interlocked.Increment(ref _resolved);
        if (hit)
        {
            Interlocked.Increment(ref _hits);
        }

        if (!coldStart)
        {
            Interlocked.Increment(ref _modelResolved);
            if (hit)
            {
                Interlocked.Increment(ref _modelHits);
            }
        }
    }
}
