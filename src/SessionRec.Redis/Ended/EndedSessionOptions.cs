namespace SessionRec.Redis.Ended;

/// <summary>
/// Whether sessions that end in Redis are absorbed for online learning, set by the host from its own settings
/// (the server: <c>Knn:Online</c>). Off by default, and then a session's keys expire exactly as they always did.
/// </summary>
public sealed class EndedSessionOptions
{
    /// <summary>Ended sessions the shared stream keeps (its MAXLEN); 0 turns absorbing off.</summary>
    public int MaxSessions { get; set; }

    /// <summary>
    /// How long a session's clicks outlive the session's end so that a sweep can still take them; several sweep
    /// intervals, so that a sweep that fails once (or a replica that restarts) does not lose them.
    /// </summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromSeconds(20);

    public bool Enabled => MaxSessions > 0;

    /// <summary>The grace in milliseconds when absorbing, else 0 (keys expire at the session's end).</summary>
    internal long GraceMilliseconds => Enabled ? (long)Math.Ceiling(Grace.TotalMilliseconds) : 0;
}
