namespace SessionRec.Cli.Simulation;

/// <summary>
/// HR@K and MRR@K of one group of predictions, from the 0-based rank of the clicked item in the served list (−1:
/// not in it). Thread-safe; the groups are the rows <c>simulate</c> reports.
/// </summary>
public sealed class SimulationQuality
{
    private readonly object _lock = new();
    private long _predictions;
    private long _hits;
    private double _reciprocalRanks;

    public long Predictions
    {
        get
        {
            lock (_lock)
            {
                return _predictions;
            }
        }
    }

    public double HitRate
    {
        get
        {
            lock (_lock)
            {
                return _predictions == 0 ? 0 : (double)_hits / _predictions;
            }
        }
    }

    public double Mrr
    {
        get
        {
            lock (_lock)
            {
                return _predictions == 0 ? 0 : _reciprocalRanks / _predictions;
            }
        }
    }

    internal void Add(int rank)
    {
        lock (_lock)
        {
            _predictions++;
            if (rank >= 0)
            {
                _hits++;
                _reciprocalRanks += 1.0 / (rank + 1);
            }
        }
    }
}
