using SessionRec.Core.Ranking;

namespace SessionRec.Models.ModelDirectory;

/// <summary>A model directory loaded and checked: the model, the kind that loaded it, and its manifest.</summary>
public sealed record LoadedDirectory(IModelKind Kind, INextItemModel Model, ModelManifest Manifest);
