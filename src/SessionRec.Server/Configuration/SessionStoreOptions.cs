using System.ComponentModel.DataAnnotations;

namespace SessionRec.Server.Configuration;

/// <summary>Where sessions live (configuration section "SessionStore").</summary>
public sealed class SessionStoreOptions
{
    public const string SectionName = "SessionStore";

    /// <summary>"memory" (the embedded default) or "redis" (shared by replicas; settings in the "Redis" section).</summary>
    [RegularExpression("^(memory|redis)$", ErrorMessage = "SessionStore:Provider must be 'memory' or 'redis'.")]
    public string Provider { get; set; } = "memory";
}
