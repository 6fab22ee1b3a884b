namespace SessionRec.Client;

/// <summary>Where the service is and how to call it.</summary>
public sealed class SessionRecClientOptions
{
    /// <summary>The service's base address, e.g. <c>http://localhost:8000</c>.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Sent as <c>X-Api-Key</c> when set (the service's <c>Auth:ApiKeys</c>); null when the service is open.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Retries of a request answered 429 or 503, each after the server's <c>Retry-After</c>; 0 turns retries off.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The longest wait before a retry, whatever <c>Retry-After</c> says.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
