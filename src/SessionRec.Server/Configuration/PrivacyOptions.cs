using System.ComponentModel.DataAnnotations;

namespace SessionRec.Server.Configuration;

/// <summary>Session-id hashing (configuration section "Privacy").</summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";

    /// <summary>
    /// HMAC secret for session ids, at least 16 characters. Empty: a random secret per process, which is right for a
    /// single in-memory server; replicas sharing Redis must share one secret.
    /// </summary>
    [RegularExpression(".{16,}", ErrorMessage = "Privacy:SessionIdSecret must be empty (random per process) or at least 16 characters.")]
    public string? SessionIdSecret { get; set; }

    /// <summary>
    /// Secrets used before the current one, newest first: sessions stored under them are found and moved to the
    /// current key on first use, and erasure erases under them too. Drop them once <c>Sessions:Ttl</c> has passed.
    /// </summary>
    public string[] PreviousSessionIdSecrets { get; set; } = [];
}
