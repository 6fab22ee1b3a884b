using System.ComponentModel.DataAnnotations;

namespace SessionRec.Server.Configuration;

/// <summary>
/// Session-kNN learning from live traffic (configuration section "Knn:Online"): sessions that end by expiry or
/// eviction (never by an erasure request) are kept as anonymous item sequences, at most <see cref="MaxSessions"/>
/// (oldest dropped), and a served V-SKNN model is rebuilt with them every <see cref="Interval"/> in the background.
/// </summary>
public sealed class KnnOnlineOptions
{
    public const string SectionName = "Knn:Online";

    /// <summary>Ended sessions kept for learning; 0 (the default) turns online learning off and keeps none.</summary>
    [Range(0, 10_000_000)]
    public int MaxSessions { get; set; }

    /// <summary>How often a model with newly ended sessions is published.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// With Redis sessions: how often this replica looks for sessions that ended (and moves them into the shared
    /// stream) and reads what every replica moved there. A session's clicks stay four of these past its end.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long Redis keeps an ended session's clicks for a sweep to take them: four sweeps' worth.</summary>
    public TimeSpan Grace => SweepInterval * 4;
}
