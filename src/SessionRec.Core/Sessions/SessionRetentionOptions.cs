using System.ComponentModel.DataAnnotations;

namespace SessionRec.Core.Sessions;

/// <summary>How much of a session is kept and for how long (configuration section "Sessions").</summary>
public sealed class SessionRetentionOptions
{
    public const string SectionName = "Sessions";

    /// <summary>Newest clicks kept per session; older ones are dropped on append.</summary>
    [Range(1, 1000)]
    public int MaxClicks { get; set; } = 50;

    /// <summary>
    /// Sessions one process holds in memory (in-memory store only); past it the least recently active are evicted
    /// first. About 600 B each with a pending recommendation, so the default stays under 1 GB.
    /// </summary>
    [Range(1, 100_000_000)]
    public int MaxActive { get; set; } = 1_000_000;

    /// <summary>
    /// How long a deleted session's tombstone lasts: a recommendation racing the delete cannot record anything for
    /// the session until it is gone. Longer than any request takes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan TombstoneTtl { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Sliding expiry: refreshed by every click and every recommendation.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromMinutes(30);
}
