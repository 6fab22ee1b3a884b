using SessionRec.Core.Ranking;

namespace SessionRec.Models.ModelDirectory;

/// <summary>
/// One kind of model (the manifest's <c>type</c>): how its directory loads, how a loaded model is checked before it
/// may serve, and how it describes itself to health, the model endpoint and start-up. Everything about a kind lives
/// in its own folder (e.g. Knn/: VsknnModel, VsknnModelStore, VsknnModelKind); callers go through
/// <see cref="ModelKindRegistry"/> and never test concrete model types. Derive from <see cref="ModelKind{TModel}"/>.
/// </summary>
public interface IModelKind
{
    /// <summary>The manifest type and <see cref="INextItemModel.Name"/> of this kind's models, e.g. "vsknn".</summary>
    string Name { get; }

    /// <summary>
    /// Reads the kind's files of <paramref name="directory"/> (each once, asynchronously). Malformed or
    /// inconsistent files (including non-finite numbers) throw <see cref="ModelDirectoryException"/>.
    /// </summary>
    Task<INextItemModel> LoadAsync(string directory, ModelManifest manifest, ModelLoadOptions options, CancellationToken cancellationToken);

    /// <summary>What is wrong with a loaded model (empty when it may serve): shapes, vocabulary, finite outputs.</summary>
    IReadOnlyList<string> Check(INextItemModel model);

    ModelDescription Describe(INextItemModel model);
}
