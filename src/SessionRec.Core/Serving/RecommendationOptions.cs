using System.ComponentModel.DataAnnotations;

namespace SessionRec.Core.Serving;

/// <summary>Serving policy (configuration section "Recommendations").</summary>
public sealed class RecommendationOptions
{
    public const string SectionName = "Recommendations";

    public const int MaxK = 100;

    /// <summary>Leave items already in the session out; some catalogs (groceries, music) want re-clicks recommended.</summary>
    public bool ExcludeSeen { get; set; } = true;

    [Range(1, MaxK)]
    public int DefaultK { get; set; } = 10;

    /// <summary>
    /// Served records held awaiting a click or feedback, over all sessions (in-memory store); past it the least
    /// recently served session's records are dropped first. Each is about 300 B.
    /// </summary>
    [Range(1, 100_000_000)]
    public int MaxPending { get; set; } = 500_000;
}
