using SessionRec.Server.Hosting;

namespace SessionRec.Server.OpenApi;

public static class OpenApiServiceCollectionExtensions
{
    /// <summary>The OpenAPI document at /openapi/v1.json: versioned, with real limits, statuses and examples.</summary>
    public static IServiceCollection AddSessionRecOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                // Swagger UI at /docs renders this as the page header, which is how the docs link to the dashboard.
                document.Info.Title = "SessionRec API";
                document.Info.Version = ServiceVersion.Current;
                document.Info.Description = "Privacy-first, real-time session recommendations. [Live dashboard](/dashboard) · [Home](/)";
                return Task.CompletedTask;
            });
            o.AddSchemaTransformer<RequestSchemaTransformer>();
            o.AddOperationTransformer<ProblemResponsesTransformer>();
            o.AddOperationTransformer<ExamplesTransformer>();
        });
}
