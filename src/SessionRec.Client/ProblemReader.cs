using System.Net.Http.Json;
using System.Text.Json;

namespace SessionRec.Client;

/// <summary>Turns an error answer (problem+json when the service wrote it) into <see cref="SessionRecApiException"/>.</summary>
internal static class ProblemReader
{
    public static async Task<SessionRecApiException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        Problem? problem = null;
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            try
            {
                problem = await response.Content.ReadFromJsonAsync<Problem>(SessionRecClient.Json, cancellationToken);
            }
            catch (JsonException)
            {
                // Not the problem shape (e.g. a proxy's page): status and reason phrase only.
            }
        }

        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => (TimeSpan?)null,
        };
        return new SessionRecApiException(response.StatusCode, problem?.Title ?? response.ReasonPhrase, problem?.Detail,
            problem?.Errors ?? new Dictionary<string, string[]>(), retryAfter);
    }

    private sealed record Problem(string? Title, string? Detail, Dictionary<string, string[]>? Errors);
}
