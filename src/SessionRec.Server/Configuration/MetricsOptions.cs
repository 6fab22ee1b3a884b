using System.ComponentModel.DataAnnotations;

namespace SessionRec.Server.Configuration;

/// <summary>Online metrics (configuration section "Metrics").</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Sliding window of the latency quantiles.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LatencyWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the dashboard's history is sampled.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan HistoryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How much history the dashboard can chart.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan HistorySpan { get; set; } = TimeSpan.FromMinutes(15);
}
