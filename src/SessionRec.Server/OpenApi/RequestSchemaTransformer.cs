using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SessionRec.Core.Serving;
using SessionRec.Server.Validation;

namespace SessionRec.Server.OpenApi;

/// <summary>
/// Request bodies as the endpoints really read them (<see cref="JsonBody"/>): a field is required exactly when its
/// record property is not nullable; ids are 1..128 characters; <c>k</c> is 1..100. Applied by name and nullability,
/// so a field added to a request record is described by the same rules.
/// </summary>
internal sealed class RequestSchemaTransformer : IOpenApiSchemaTransformer
{
    private static readonly NullabilityInfoContext Nullability = new();

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type.Namespace != typeof(Contracts.ClickRequest).Namespace || !type.Name.EndsWith("Request", StringComparison.Ordinal) || schema.Properties is null)
        {
            return Task.CompletedTask;
        }

        schema.Required = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (property.AttributeProvider is PropertyInfo info && Nullability.Create(info).ReadState == NullabilityState.NotNull)
            {
                schema.Required.Add(property.Name);
            }

            if (schema.Properties.TryGetValue(property.Name, out var field) && field is OpenApiSchema fieldSchema)
            {
                Describe(property.Name, fieldSchema);
            }
        }

        if (type == typeof(Contracts.FeedbackRequest))
        {
            // Either form identifies the recommendation; the endpoint answers 400 when neither is given.
            schema.AnyOf =
            [
                new OpenApiSchema { Required = new HashSet<string> { "recommendation_id" } },
                new OpenApiSchema { Required = new HashSet<string> { "recommended_items" } },
            ];
        }

        if (type == typeof(Contracts.RecommendRequest))
        {
            // A session's recommendation or a stateless one from the visitor's recent items: exactly one of the two
            // (the endpoint answers 400 to both or neither). anyOf, not oneOf: NSwag turns a oneOf of these
            // required-only schemas into a class without the request's properties.
            schema.AnyOf =
            [
                new OpenApiSchema { Required = new HashSet<string> { "session_id" } },
                new OpenApiSchema { Required = new HashSet<string> { "items" } },
            ];
        }

        return Task.CompletedTask;
    }

    private static void Describe(string name, OpenApiSchema field)
    {
        if (name == "k")
        {
            field.Minimum = "1";
            field.Maximum = RecommendationOptions.MaxK.ToString(System.Globalization.CultureInfo.InvariantCulture);
            field.Default = JsonValue.Create(10);
            field.Description ??= $"How many items, 1..{RecommendationOptions.MaxK}; default 10 (the service's Recommendations:DefaultK).";
        }
        else if (IsId(name) && field.Type?.HasFlag(JsonSchemaType.String) == true)
        {
            LimitId(field);
        }
        else if (IsId(name.TrimEnd('s')) && field.Type?.HasFlag(JsonSchemaType.Array) == true)
        {
            field.MinItems = 1;
            field.MaxItems = RequestLimits.MaxRecommendedItems;
            if (field.Items is OpenApiSchema items)
            {
                LimitId(items);
            }
        }
    }

    private static bool IsId(string name) => name.EndsWith("_id", StringComparison.Ordinal) || name.EndsWith("_item", StringComparison.Ordinal);

    private static void LimitId(OpenApiSchema schema)
    {
        schema.MinLength = 1;
        schema.MaxLength = RequestLimits.MaxIdLength;
    }
}
