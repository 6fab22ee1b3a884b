using Microsoft.AspNetCore.Http.HttpResults;

namespace SessionRec.Server.Validation;

/// <summary>The problem+json answers the API gives. Details name the problem, never an exception.</summary>
public static class Problems
{
    public const int RetryAfterSeconds = 5;

    /// <summary>400 naming the field in <c>errors</c>; 413 for a body over the limit; 415 for a body not declared JSON.</summary>
    public static IResult For(RequestProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.StatusCode != StatusCodes.Status400BadRequest)
        {
            string title = problem.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                StatusCodes.Status415UnsupportedMediaType => "Unsupported media type.",
                StatusCodes.Status409Conflict => "The request conflicts with the service's configuration.",
                _ => "The request cannot be processed.",
            };
            return TypedResults.Problem(detail: problem.Message, statusCode: problem.StatusCode, title: title);
        }

        var field = problem.Field ?? "body";
        return TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [problem.Message] },
            detail: problem.Message,
            title: "The request is invalid.");
    }

    public static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: title);

    /// <summary>503 with Retry-After, so clients know the write was not stored and when to try again.</summary>
    public static ProblemHttpResult StoreUnavailable(HttpContext context, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        SetRetryAfter(context, TimeSpan.FromSeconds(RetryAfterSeconds));
        return Unavailable(detail);
    }

    public static ProblemHttpResult Unavailable(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable.");

    /// <summary>429 with Retry-After (whole seconds, at least 1).</summary>
    public static ProblemHttpResult TooManyRequests(HttpContext context, TimeSpan retryAfter, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        SetRetryAfter(context, retryAfter);
        return TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.");
    }

    private static void SetRetryAfter(HttpContext context, TimeSpan after) =>
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
