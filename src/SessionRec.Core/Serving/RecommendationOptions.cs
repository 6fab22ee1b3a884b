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
}
