using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SessionRec.Server.OpenApi;

/// <summary>
/// Examples with ids of the demo shop the service serves by default, so "Try it out" in /docs succeeds on every
/// endpoint as shipped (feedback for a list never served answers 200 with <c>counted: false</c>), except the model
/// reload and arm weight, which need a model directory or an experiment the demo does not have.
/// </summary>
internal sealed class ExamplesTransformer : IOpenApiOperationTransformer
{
    private static readonly Dictionary<string, string> Bodies = new(StringComparer.Ordinal)
    {
        ["RecordClick"] = """{"session_id":"s1","item_id":"P00001"}""",
        ["Recommend"] = """{"session_id":"s1","k":5}""",
        ["RecordFeedback"] = """{"session_id":"s1","recommended_items":["P00013","P00025"],"clicked_item":"P00013"}""",
        ["DeleteSessionByBody"] = """{"session_id":"s1"}""",
        // Catalog writes that leave the demo as it was: the items stay available.
        ["PutItem"] = """{"available":true}""",
        ["PostItemBatch"] = """[{"item_id":"P00037","available":true}]""",
        // Operator actions on a configured server (the directory of the README's "Use your own data"): the demo has no
        // such directory and no experiment, so these answer their documented 422 and 409 problems there.
        ["ReloadModel"] = """{"path":"models/shop"}""",
        ["ReweightArm"] = """{"arm":"candidate","percent":10}""",
    };

    private static readonly Dictionary<string, string> PathValues = new(StringComparer.Ordinal)
    {
        ["item_id"] = "P00001",
        ["session_id"] = "s1",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId is { } id && Bodies.TryGetValue(id, out var body)
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true)
        {
            media.Example = JsonNode.Parse(body);
        }

        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter p && p.Name is { } name && PathValues.TryGetValue(name, out var value))
            {
                p.Example = JsonValue.Create(value);
            }
        }

        return Task.CompletedTask;
    }
}
