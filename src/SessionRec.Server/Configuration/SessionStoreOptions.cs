using System.ComponentModel.DataAnnotations;

namespace SessionRec.Server.Configuration;

/// <summary>Where sessions live (configuration section "SessionStore").</summary>
public sealed class SessionStoreOptions
{
    public const string SectionName = "SessionStore";

    /// <summary>"memory" (the embedded default).</summary>
    [RegularExpression("^memory$", ErrorMessage = "SessionStore:Provider must be 'memory'.")]
    public string Provider { get; set; } = "memory";
}
