using Microsoft.AspNetCore.Http.HttpResults;
using SessionRec.Core.Catalog;
using SessionRec.Core.Experiments;
using SessionRec.Core.Serving;
using SessionRec.Server.Contracts;
using SessionRec.Server.Hosting;
using SessionRec.Server.Validation;

namespace SessionRec.Server.Endpoints;

public static class ModelEndpoints
{
    public static RouteGroupBuilder MapModelEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/model", GetModel)
            .WithName("GetModel")
            .WithSummary("The served model and its offline figures.");
        return api;
    }

    internal static Results<Ok<ModelInfoResponse>, ProblemHttpResult> GetModel(ModelSlot slot, ItemCatalog catalog, ExperimentArms? experiments = null)
    {
        var loaded = slot.Current;
        return loaded is null
            ? Problems.Unavailable(slot.State == ModelState.Failed ? "The model failed to load." : "The model is still loading.")
            // The directory's name only: a full path tells a caller about the host's file system.
            : TypedResults.Ok(new ModelInfoResponse(loaded.Model.Name, Path.GetFileName(Path.TrimEndingDirectorySeparator(loaded.Source)), loaded.Model.Vocabulary.Count, catalog.Count, loaded.OfflineFigures,
                ServiceVersion.Current, loaded.Version, loaded.LoadedAt, slot.Retiring, ArmModelResponse.From(experiments ?? ExperimentArms.None)));
    }
}
