namespace SessionRec.Training.Evaluation;

/// <summary>
/// Holds the most recent sessions of a click log out as a next-item validation set, for early stopping when no
/// validation file is given. Click logs are read oldest session first (by last click), so the tail is the latest.
/// </summary>
public sealed record RecentSessionsSplit(IReadOnlyList<int[]> Train, EvaluationSet Validation)
{
    public static RecentSessionsSplit Create(IReadOnlyList<int[]> sessions, double fraction)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), "The held-out fraction must be in (0, 1).");
        }

        if (sessions.Count < 2)
        {
            throw new ArgumentException("At least two sessions are needed to hold some out.", nameof(sessions));
        }

        int held = Math.Clamp((int)Math.Round(sessions.Count * fraction), 1, sessions.Count - 1);
        int cut = sessions.Count - held;
        return new RecentSessionsSplit([.. sessions.Take(cut)], NextItemProtocol.Create([.. sessions.Skip(cut)]));
    }
}
