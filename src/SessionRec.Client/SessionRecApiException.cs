using System.Net;

namespace SessionRec.Client;

/// <summary>
/// The service answered with an error (application/problem+json): its status, title and detail, and for a 400 the
/// fields it names in <c>errors</c>; <see cref="RetryAfter"/> for 429 and 503.
/// </summary>
public sealed class SessionRecApiException : Exception
{
    public SessionRecApiException()
    {
    }

    public SessionRecApiException(string message)
        : base(message)
    {
    }

    public SessionRecApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal SessionRecApiException(HttpStatusCode status, string? title, string? detail, IReadOnlyDictionary<string, string[]> errors, TimeSpan? retryAfter)
        : base($"{(int)status} {title ?? status.ToString()}{(detail is null ? "" : ": " + detail)}")
    {
        StatusCode = status;
        Title = title;
        Detail = detail;
        Errors = errors;
        RetryAfter = retryAfter;
    }

    public HttpStatusCode StatusCode { get; }

    public string? Title { get; }

    public string? Detail { get; }

    /// <summary>Field name → messages, e.g. <c>item_id</c> → "at most 128 characters"; empty when none.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = new Dictionary<string, string[]>();

    public TimeSpan? RetryAfter { get; }
}
