using System.ComponentModel.DataAnnotations;

namespace SessionRec.Core.Serving;

/// <summary>How much one client may teach the shared learning state (configuration section "Learning").</summary>
public sealed class LearningOptions
{
    public const string SectionName = "Learning";

    /// <summary>
    /// Learning events (a click counted for trending, a cold-start slate turned into bandit rewards) one client
    /// address may cause per minute, per replica; 0 turns the bound off. Per-session bounds cannot stop a client that
    /// invents a new session id for every click; this one can. Behind a proxy, configure forwarded headers so the
    /// address is the visitor's, or raise it.
    /// </summary>
    [Range(0, 1_000_000)]
    public int MaxPerSourcePerMinute { get; set; } = 20;

    /// <summary>Client addresses tracked per minute; past it, new addresses teach nothing until the minute turns.</summary>
    [Range(1, 10_000_000)]
    public int MaxTrackedSources { get; set; } = 100_000;
}
