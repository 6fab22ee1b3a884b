namespace SessionRec.Server.Validation;

/// <summary>
/// Endpoint metadata: what a 503 says when the session store is unreachable during this endpoint (e.g. "the click
/// was not stored"), so <see cref="Hosting.ApiExceptionHandler"/> answers every endpoint in its own words.
/// </summary>
public sealed record StoreOutage(string Detail)
{
    public const string Default = "The session store is unavailable. Retry later.";
}

public static class StoreOutageExtensions
{
    public static TBuilder WithStoreOutage<TBuilder>(this TBuilder builder, string detail)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new StoreOutage(detail));

    /// <summary>A JSON body endpoint, documented with the problems every such endpoint can answer.</summary>
    public static RouteHandlerBuilder AcceptsJson<TRequest>(this RouteHandlerBuilder builder)
        where TRequest : notnull =>
        builder.Accepts<TRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
