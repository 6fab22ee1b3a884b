using System.ComponentModel.DataAnnotations;
using StackExchange.Redis;

namespace SessionRec.Redis;

/// <summary>How to reach Redis and how long to wait for it (configuration section "Redis").</summary>
public sealed class RedisOptions : IValidatableObject
{
    public const string SectionName = "Redis";

    /// <summary>StackExchange.Redis configuration string, e.g. "redis:6379" or "node1:6379,node2:6379" for a cluster.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Redis:ConnectionString is required when SessionStore:Provider is 'redis'.")]
    public string ConnectionString { get; set; } = "";

    /// <summary>First part of every key, so several deployments (or tests) can share one Redis without meeting.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Redis:KeyPrefix must not be empty.")]
    [RegularExpression("^[A-Za-z0-9_.:-]{1,32}$", ErrorMessage = "Redis:KeyPrefix must be 1-32 characters of letters, digits, '_', '.', ':' or '-' (no braces: they would break the hash tag).")]
    public string KeyPrefix { get; set; } = "sr";

    /// <summary>Longest a request waits for one Redis operation before the store is reported unavailable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:30")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest one request waits for Redis over all its calls together: once spent, the request's remaining calls fail
    /// at once (a recommendation falls back to cold start, a write answers 503) instead of each waiting its timeout.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:30")]
    public TimeSpan RequestDeadline { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest the start (and each reconnect attempt) waits for a TCP connection and handshake.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield break;
        }

        string? error = null;
        try
        {
            if (ConfigurationOptions.Parse(ConnectionString).EndPoints.Count == 0)
            {
                error = "Redis:ConnectionString names no endpoint.";
            }
        }
        catch (ArgumentException e)
        {
            error = $"Redis:ConnectionString is not a valid StackExchange.Redis configuration: {e.Message}";
        }

        if (error is not null)
        {
            yield return new ValidationResult(error, [nameof(ConnectionString)]);
        }
    }
}
