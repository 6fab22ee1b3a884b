using System.ComponentModel.DataAnnotations;

namespace SessionRec.Server.Configuration;

/// <summary>Online metrics (configuration section "Metrics").</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Sliding window of the latency quantiles.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LatencyWindow { get; set; } = TimeSpan.FromMinutes(5);
}
