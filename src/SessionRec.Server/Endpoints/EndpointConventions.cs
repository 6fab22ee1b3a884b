using SessionRec.Server.Validation;

namespace SessionRec.Server.Endpoints;

/// <summary>Metadata conventions the endpoints share.</summary>
public static class EndpointConventions
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
