using SessionRec.Core.Ranking;

namespace SessionRec.Core.Serving;

/// <summary>The model being served with what operators need to know about it.</summary>
/// <param name="Model">The ranking model.</param>
/// <param name="Source">A short label of where it came from: the model directory's name, or "demo" for the generated
/// shop. Never a full path: it is shown in API responses.</param>
/// <param name="ItemIndex">The item index an embedding model searches (e.g. "ExactItemIndex"); null when the model
/// ranks items itself.</param>
/// <param name="OfflineFigures">Validation/test figures from the model's manifest, when it has them.</param>
/// <param name="Index">The item index itself, so health can query it; null when the model ranks items itself. The
/// model owns it: disposing the model disposes it.</param>
/// <param name="Version">A short hash of the model's files (of the demo's settings for the demo), so operators see
/// which files serve; null when unknown.</param>
/// <param name="LoadedAt">When this model was published.</param>
public sealed record LoadedModel(
    INextItemModel Model, string Source, string? ItemIndex, IReadOnlyDictionary<string, double> OfflineFigures, IItemIndex? Index = null,
    string? Version = null, DateTimeOffset? LoadedAt = null);
