using SessionRec.Server.Hosting;

namespace SessionRec.Server.Contracts;

/// <summary>Reloads <c>path</c> (a model directory on the server), or <c>Model:Path</c> when it is absent; in an
/// experiment, the arm named <c>arm</c> (the control when absent), by default from where that arm last loaded.</summary>
public sealed record ModelReloadRequest(string? Path, string? Arm);

/// <summary>The model now serving: kind, directory name, model_version (a hash of its files; not the service's build
/// version), the model version it replaced, and
/// how long loading and warming took.</summary>
public sealed record ModelReloadResponse(
    string Name, string Source, string? ModelVersion, string? PreviousModelVersion, DateTimeOffset? LoadedAt, double LoadMs, double WarmMs)
{
    public static ModelReloadResponse From(ModelReloadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var loaded = result.Loaded;
        return new ModelReloadResponse(loaded.Model.Name, loaded.Source, loaded.Version, result.PreviousVersion, loaded.LoadedAt,
            Math.Round(result.LoadMilliseconds, 1), Math.Round(result.WarmMilliseconds, 1));
    }
}
