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
}
