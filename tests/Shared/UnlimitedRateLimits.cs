namespace SessionRec.Testing;

/// <summary>
/// Settings that lift the server's rate limits. Tests drive thousands of requests from one address and one session
/// in moments; the rate-limit tests set their own small limits instead.
/// </summary>
internal static class UnlimitedRateLimits
{
    public static IEnumerable<KeyValuePair<string, string?>> Settings { get; } =
    [
        new("RateLimits:Public:PermitsPerSecond", "1000000"),
        new("RateLimits:Public:Burst", "1000000"),
        new("RateLimits:Admin:PermitsPerSecond", "1000000"),
        new("RateLimits:Admin:Burst", "1000000"),
        new("RateLimits:PerSession:PermitsPerSecond", "1000000"),
        new("RateLimits:PerSession:Burst", "1000000"),
    ];
}
