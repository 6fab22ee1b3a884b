using SessionRec.Core.Experiments;

namespace SessionRec.Server.Contracts;

/// <summary>
/// The served model: its kind, a short label of where it came from (the model directory's name or "demo", never a
/// path), its size and its offline figures from the manifest (e.g. "hr@10"), its model_version (a hash of its files), when
/// it was loaded, and how many replaced models still finish requests before they are disposed.
/// </summary>
/// <param name="Version">The service's build version (the same as <c>sessionrec --version</c>).</param>
/// <param name="ModelVersion">A hash of the served model's files.</param>
public sealed record ModelInfoResponse(string Name, string Source, int Items, int CatalogItems, IReadOnlyDictionary<string, double> Offline,
    string Version, string? ModelVersion = null, DateTimeOffset? LoadedAt = null, int Retiring = 0, IReadOnlyList<ArmModelResponse>? Arms = null);

/// <summary>An experiment arm's model (the first arm's is the one described above): its share of sessions, kind,
/// directory name, version and load time.</summary>
public sealed record ArmModelResponse(string Arm, double Weight, string Name, string Source, string? ModelVersion, DateTimeOffset? LoadedAt, int Retiring)
{
    public static IReadOnlyList<ArmModelResponse>? From(ExperimentArms experiments)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        if (!experiments.Active)
        {
            return null;
        }

        var weights = experiments.Weights;
        return [.. experiments.Arms.Select((arm, i) => arm.Slot.Current is { } m
            ? new ArmModelResponse(arm.Name, Math.Round(weights[i], 4), m.Model.Name, m.Source, m.Version, m.LoadedAt, arm.Slot.Retiring)
            : new ArmModelResponse(arm.Name, Math.Round(weights[i], 4), "none", "", null, null, arm.Slot.Retiring))];
    }
}
