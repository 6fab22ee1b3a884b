using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using SessionRec.Server.Validation;

namespace SessionRec.Server.OpenApi;

/// <summary>
/// Every status an endpoint can answer, from its metadata: 401/403 behind an API key, 413 for a JSON body over 16 KB,
/// 429 behind a rate limit and 503 where a store outage can surface, the last two with <c>Retry-After</c>; each with
/// the problem+json schema and a description of when it happens.
/// </summary>
internal sealed class ProblemResponsesTransformer : IOpenApiOperationTransformer
{
    private const string ProblemJson = "application/problem+json";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var problem = await ProblemSchemaAsync(context, cancellationToken);
        operation.Responses ??= [];

        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            Add(operation, problem, 401, "No API key, or an unknown one (only when Auth:ApiKeys is configured).");
            Add(operation, problem, 403, "The API key's role may not call this endpoint (e.g. a public key on an admin endpoint).");
        }

        if (operation.RequestBody is { } body)
        {
            body.Description = $"JSON (Content-Type: application/json), at most {RequestLimits.MaxBodyBytes / 1024} KB.";
            Add(operation, problem, 400, "The body is not valid JSON, or a field is missing, empty, too long, of the wrong type or out of range; `errors` names the field. Nothing was stored.");
            Add(operation, problem, 413, $"The body is over {RequestLimits.MaxBodyBytes / 1024} KB.");
            Add(operation, problem, 415, "The body is not declared as application/json.");
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            Add(operation, problem, 429, "Over a rate limit (per client address, or per session). Retry after the number of seconds in Retry-After.", retryAfter: true);
        }

        // The exception handler answers a store outage on any endpoint with 503 and Retry-After, in the endpoint's words.
        if (metadata.OfType<StoreOutage>().FirstOrDefault() is { } outage)
        {
            Add(operation, problem, 503, outage.Detail, retryAfter: true);
        }
        else if (operation.Responses.ContainsKey("503"))
        {
            Add(operation, problem, 503, StoreOutage.Default, retryAfter: true);
        }

        if (operation.Responses.TryGetValue("404", out var notFound) && notFound is OpenApiResponse missing)
        {
            missing.Description = "An item named in the request is not in the catalog.";
        }
    }

    private static async Task<IOpenApiSchema> ProblemSchemaAsync(OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        const string Id = nameof(ProblemDetails);
        var document = context.Document!;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(Id))
        {
            document.AddComponent(Id, await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken));
        }

        return new OpenApiSchemaReference(Id, document);
    }

    private static void Add(OpenApiOperation operation, IOpenApiSchema problem, int status, string description, bool retryAfter = false)
    {
        string key = status.ToString(CultureInfo.InvariantCulture);
        if (!operation.Responses!.TryGetValue(key, out var existing) || existing is not OpenApiResponse response)
        {
            response = new OpenApiResponse
            {
                Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = problem } },
            };
            operation.Responses[key] = response;
        }

        response.Description = description;
        if (retryAfter)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds to wait before retrying.",
                Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
            };
        }
    }
}
