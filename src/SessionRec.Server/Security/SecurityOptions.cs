namespace SessionRec.Server.Security;

/// <summary>API keys (configuration section "Auth"); none configured means the service is open.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    internal bool IsValid() => ApiKeys.TrueForAll(k => k.Key.Length >= 16 && k.Role is ApiRoles.Public or ApiRoles.Admin);
}

/// <summary>One key (<c>Auth:ApiKeys:0:Key</c>) and its role (<c>Auth:ApiKeys:0:Role</c>: public or admin).</summary>
public sealed class ApiKeyOptions
{
    public string Key { get; set; } = "";

    public string Role { get; set; } = "";
}

/// <summary>Token buckets (configuration section "RateLimits"): per client address for each endpoint group, and per session.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Click, recommend, feedback, items, delete: per client address.</summary>
    public TokenBucket Public { get; set; } = new() { PermitsPerSecond = 200, Burst = 400 };

    /// <summary>Metrics, model, OpenAPI: per client address.</summary>
    public TokenBucket Admin { get; set; } = new() { PermitsPerSecond = 20, Burst = 40 };

    /// <summary>Click, recommend, feedback: per session (its keyed hash).</summary>
    public TokenBucket PerSession { get; set; } = new() { PermitsPerSecond = 30, Burst = 60 };

    /// <summary>
    /// Most sessions the per-session limit tracks at once (about 80 B each). Only sessions that used a permit in the
    /// last Burst/PermitsPerSecond seconds (2 s as shipped) are tracked; beyond this, new sessions pass untracked.
    /// </summary>
    public int MaxTrackedSessions { get; set; } = 100_000;

    internal bool IsValid() => Public.IsValid() && Admin.IsValid() && PerSession.IsValid() && MaxTrackedSessions >= 1;
}

public sealed class TokenBucket
{
    /// <summary>Sustained rate: tokens added every second.</summary>
    public int PermitsPerSecond { get; set; }

    /// <summary>Bucket size: how many requests may come at once after a quiet spell.</summary>
    public int Burst { get; set; }

    internal bool IsValid() => PermitsPerSecond >= 1 && Burst >= 1;

    internal System.Threading.RateLimiting.TokenBucketRateLimiterOptions ToLimiterOptions() => new()
    {
        TokenLimit = Burst,
        TokensPerPeriod = PermitsPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}

/// <summary>Browser origins allowed to call the API (configuration section "Cors"); empty means no CORS at all.</summary>
public sealed class CorsSettings
{
    public const string SectionName = "Cors";

    public string[] Origins { get; set; } = [];
}

/// <summary>
/// Reverse proxies whose <c>X-Forwarded-For</c> is believed (configuration section "Proxy"); without any, the
/// connection's own address is the client's, whatever headers say.
/// </summary>
public sealed class ProxyOptions
{
    public const string SectionName = "Proxy";

    /// <summary>Proxy addresses, e.g. "10.0.0.5".</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. "10.0.0.0/8".</summary>
    public string[] KnownNetworks { get; set; } = [];

    internal bool IsConfigured => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}
