using SessionRec.Core.Ranking;

namespace SessionRec.Core.Serving;

/// <summary>The model being served with what operators need to know about it.</summary>
/// <param name="Model">The ranking model.</param>
/// <param name="Source">Where it came from: a model directory, or "demo" for the generated data.</param>
/// <param name="OfflineFigures">Validation/test figures from the model's manifest, when it has them.</param>
public sealed record LoadedModel(INextItemModel Model, string Source, IReadOnlyDictionary<string, double> OfflineFigures);
