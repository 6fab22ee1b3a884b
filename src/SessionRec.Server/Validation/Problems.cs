using Microsoft.AspNetCore.Http.HttpResults;

namespace SessionRec.Server.Validation;

/// <summary>The problem+json answers the API gives. Details name the problem, never an exception.</summary>
public static class Problems
{
    public static ValidationProblem BadRequest(RequestProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
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
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Unavailable(detail);
    }

    public const int RetryAfterSeconds = 5;

    public static ProblemHttpResult Unavailable(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable.");
}
