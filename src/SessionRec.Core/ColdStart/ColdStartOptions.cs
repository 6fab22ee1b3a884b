using System.ComponentModel.DataAnnotations;

namespace SessionRec.Core.ColdStart;

/// <summary>Cold-start policy (configuration section "ColdStart").</summary>
public sealed class ColdStartOptions
{
    public const string SectionName = "ColdStart";

    /// <summary>Sessions with fewer clicks than this get the bandit instead of the model.</summary>
    [Range(0, 1000)]
    public int MinClicksForModel { get; set; } = 2;

    /// <summary>How many trending items the bandit samples over (raised to k when a request asks for more).</summary>
    [Range(1, 10_000)]
    public int Candidates { get; set; } = 50;

    /// <summary>Half-life of a click's weight in the trending counts.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan TrendingHalfLife { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Beta prior of every arm; 1/1 is uniform.</summary>
    [Range(0.001, 1e6)]
    public double PriorAlpha { get; set; } = 1;

    [Range(0.001, 1e6)]
    public double PriorBeta { get; set; } = 1;

    /// <summary>
    /// Cold-start slates one session may resolve into bandit rewards per minute; a real visitor resolves one or two
    /// in its whole life (cold start ends at <see cref="MinClicksForModel"/> clicks).
    /// </summary>
    [Range(1, 10_000)]
    public int MaxRewardsPerSessionPerMinute { get; set; } = 6;
}
