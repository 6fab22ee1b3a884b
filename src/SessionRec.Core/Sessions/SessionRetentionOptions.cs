using System.ComponentModel.DataAnnotations;

namespace SessionRec.Core.Sessions;

/// <summary>How much of a session is kept and for how long (configuration section "Sessions").</summary>
public sealed class SessionRetentionOptions
{
    public const string SectionName = "Sessions";

    /// <summary>Newest clicks kept per session; older ones are dropped on append.</summary>
    [Range(1, 1000)]
    public int MaxClicks { get; set; } = 50;

    /// <summary>Sliding expiry: refreshed by every click and every recommendation.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromMinutes(30);
}
