using System.ComponentModel.DataAnnotations;

namespace SessionRec.Redis.Learning;

/// <summary>Lifetime of the global learning state in Redis (configuration section "Redis:Learning").</summary>
public sealed class LearningStateOptions
{
    public const string SectionName = "Redis:Learning";

    /// <summary>
    /// Bandit counts, trending scores and counters expire after this long without a write, so nothing in Redis lives
    /// forever and a retired deployment's state goes away by itself.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan StateTtl { get; set; } = TimeSpan.FromDays(7);
}
