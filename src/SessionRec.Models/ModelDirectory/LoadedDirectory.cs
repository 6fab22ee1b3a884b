using SessionRec.Core.Ranking;

namespace SessionRec.Models.ModelDirectory;

/// <summary>A model directory loaded and checked.</summary>
/// <param name="Kind">The kind that loaded it.</param>
/// <param name="Model">The model as served: the kind's model inside the repeat mixture the manifest sets
/// (<see cref="Repeat.RepeatModelStore"/>); <see cref="ModelKindRegistry.LoadWithoutRepeatAsync"/> leaves it bare.</param>
/// <param name="Manifest">The directory's manifest.</param>
/// <param name="Description">The kind's description of its own model, taken before the mixture wraps it.</param>
public sealed record LoadedDirectory(IModelKind Kind, INextItemModel Model, ModelManifest Manifest, ModelDescription Description);
