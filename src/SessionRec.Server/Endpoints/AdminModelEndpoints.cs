using Microsoft.AspNetCore.Http.HttpResults;
using SessionRec.Server.Contracts;
using SessionRec.Server.Hosting;
using SessionRec.Server.Validation;

namespace SessionRec.Server.Endpoints;

public static class AdminModelEndpoints
{
    public static RouteGroupBuilder MapAdminModelEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/admin/model/reload", Reload)
            .WithName("ReloadModel")
            .WithSummary("Load, check, warm and swap in a model directory (Model:Path, or 'path'; an experiment arm's with 'arm'); in-flight requests finish on the old model.")
            .AcceptsJson<ModelReloadRequest>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    internal static async Task<Ok<ModelReloadResponse>> Reload(HttpRequest request, ModelReloader reloader, ReloadRoot root, CancellationToken cancellationToken)
    {
        string? path = null;
        string? arm = null;
        // The body is optional: an empty POST reloads Model:Path.
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            using var body = await JsonBody.ReadAsync(request, cancellationToken);
            path = body.OptionalId("path");
            arm = body.OptionalId("arm");
        }

        // The answer never repeats the path: it would tell a caller what exists on the server's disk.
        if (path is not null && !root.Allows(path))
        {
            throw ModelRefusedException.Forbidden(
                "'path' is not under the directory model reloads may load from (Model:ReloadRoot; by default the directory holding Model:Path).");
        }

        var result = await reloader.ReloadAsync(path, arm, cancellationToken);
        return TypedResults.Ok(ModelReloadResponse.From(result));
    }
}
