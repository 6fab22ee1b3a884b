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

    /// <summary>
    /// Client addresses tracked per minute for that budget and per <see cref="SourceWindow"/> for the item ledger;
    /// past it, new addresses teach nothing until the window turns.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxTrackedSources { get; set; } = 100_000;

    /// <summary>
    /// Bandit arms one client address may reward (once each, success or failure) and items it may count for trending
    /// (once each) per <see cref="SourceWindow"/>, per replica; 0 turns the ledger off. 20 is two default slates: a
    /// client inventing a session per round then moves an arm no more than a couple of honest visitors do, whatever
    /// it sends, instead of rewarding its item once per round. Behind a proxy, configure forwarded headers (every
    /// visitor shares the proxy's address otherwise, and learning slows; serving is unaffected), or raise it.
    /// </summary>
    [Range(0, 100_000)]
    public int MaxItemsPerSource { get; set; } = 20;

    /// <summary>How long an address's taught arms and items are remembered (a fixed window: the table starts empty when it turns).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan SourceWindow { get; set; } = TimeSpan.FromHours(1);
}
