using SessionRec.Core.Privacy;

namespace SessionRec.Core.Experiments;

/// <summary>
/// The configured arms and their weights. A session is assigned by <see cref="ArmAssignment.Position"/> against the
/// cumulative weights, so it stays in its arm on every replica for as long as the weights stay; reweighting moves only
/// the share of sessions the change requires (those whose position now falls in another arm's range). With no arms
/// configured there is no experiment: <see cref="Assign"/> answers null and the single model slot serves.
/// </summary>
public sealed class ExperimentArms
{
    private readonly Dictionary<string, ExperimentArm> _byName;
    private Split _split;

    public ExperimentArms(IReadOnlyList<ExperimentArm> arms, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(weights);
        Arms = arms;
        _byName = arms.ToDictionary(a => a.Name, StringComparer.Ordinal);
        _split = Normalise(weights, arms.Count);
    }

    public static ExperimentArms None { get; } = new([], []);

    public IReadOnlyList<ExperimentArm> Arms { get; }

    public bool Active => Arms.Count > 0;

    /// <summary>The first arm: the control the others' hit rates are compared with.</summary>
    public ExperimentArm? Control => Active ? Arms[0] : null;

    /// <summary>Each arm's share of sessions (summing to 1), in the arms' order.</summary>
    public IReadOnlyList<double> Weights => Volatile.Read(ref _split).Shares;

    public ExperimentArm? Find(string? name) => name is not null && _byName.TryGetValue(name, out var arm) ? arm : null;

    public ExperimentArm? Assign(SessionKey session)
    {
        if (!Active)
        {
            return null;
        }

        double position = ArmAssignment.Position(session);
        var cumulative = Volatile.Read(ref _split).Cumulative;
        for (int i = 0; i < cumulative.Length - 1; i++)
        {
            if (position < cumulative[i])
            {
                return Arms[i];
            }
        }

        return Arms[^1];
    }

    /// <summary>New relative weights, one per arm in order (at least one positive); applies to the next request.</summary>
    public void Reweight(IReadOnlyList<double> weights)
    {
        Volatile.Write(ref _split, Normalise(weights, Arms.Count));
    }

    private static Split Normalise(IReadOnlyList<double> weights, int count)
    {
        if (weights.Count != count)
        {
            throw new ArgumentException($"{weights.Count} weights for {count} arms.", nameof(weights));
        }

        if (weights.Any(w => !double.IsFinite(w) || w < 0) || (count > 0 && weights.Sum() <= 0))
        {
            throw new ArgumentException("Arm weights must be finite, not negative, and at least one positive.", nameof(weights));
        }

        double total = weights.Sum();
        var shares = weights.Select(w => w / total).ToArray();
        var cumulative = new double[count];
        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += shares[i];
            cumulative[i] = sum;
        }

        return new Split(shares, cumulative);
    }

    // Shares and their running sums change together.
    private sealed record Split(double[] Shares, double[] Cumulative);
}
