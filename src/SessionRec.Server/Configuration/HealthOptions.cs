using System.ComponentModel.DataAnnotations;

namespace SessionRec.Server.Configuration;

/// <summary>Health probes (configuration section "Health").</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>How long a probe's result is reused: a flood of health requests costs the backends one probe per period.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A probe without an answer by then reports its component unhealthy.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:30")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
