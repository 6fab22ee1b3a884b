using Microsoft.AspNetCore.Diagnostics;
using SessionRec.Core.Sessions;
using SessionRec.Server.Validation;

namespace SessionRec.Server.Hosting;

/// <summary>
/// The one place that maps failures to responses, so endpoints stay thin: request problems are 400 (or 415) naming
/// the field, store outages 503 with Retry-After in the endpoint's words, per-session limits 429, refused model reloads 409/422, and anything else
/// a generic 500 whose body says nothing about the exception (which is logged here instead).
/// </summary>
public sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true; // the client is gone; nobody reads an answer
        }

        IResult result = exception switch
        {
            RequestProblem problem => Problems.For(problem),
            SessionStoreUnavailableException => Problems.StoreUnavailable(httpContext, OutageDetail(httpContext)),
            RateLimited limited => Problems.TooManyRequests(httpContext, limited.RetryAfter, limited.Message),
            ModelRefusedException refused => TypedResults.Problem(detail: refused.Message, statusCode: refused.StatusCode,
                title: "The model was not loaded; the served model is unchanged."),
            BadHttpRequestException bad => TypedResults.Problem(statusCode: bad.StatusCode, title: "The request is invalid."),
            _ => Unexpected(exception),
        };
        await result.ExecuteAsync(httpContext);
        return true;
    }

    private IResult Unexpected(Exception exception)
    {
        LogUnexpected(logger, exception);
        return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "An unexpected error occurred.");
    }

    private static string OutageDetail(HttpContext context) =>
        context.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<StoreOutage>()?.Detail ?? StoreOutage.Default;

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure while handling a request.")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
