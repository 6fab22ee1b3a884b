namespace SessionRec.Server.Validation;

/// <summary>A request over a limit that is only known after parsing (per session); answered 429 with Retry-After.</summary>
public sealed class RateLimited(TimeSpan retryAfter, string message) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
