using SessionRec.Core.Ranking;
using SessionRec.Models.Hybrid;
using SessionRec.Models.Knn;
using SessionRec.Models.Popularity;
using SessionRec.Models.Repeat;
using SessionRec.Models.Rules;
using SessionRec.Models.Sasrec;

namespace SessionRec.Models.ModelDirectory;

/// <summary>
/// The model kinds this build can serve, by name. Loading a directory reads its manifest once, lets the named kind
/// read its files, and checks the result: a model that fails the check is disposed and never returned, so it can
/// never be published. The checked model is then wrapped in the repeat mixture its manifest sets; the kind's own
/// model is what its kind checks and describes (the wrapper answers to the inner model's name).
/// </summary>
public sealed class ModelKindRegistry
{
    private readonly Dictionary<string, IModelKind> _kinds;

    public ModelKindRegistry(IEnumerable<IModelKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        _kinds = kinds.ToDictionary(k => k.Name, StringComparer.Ordinal);
    }

    /// <summary>Every kind shipped in SessionRec.Models; a new kind adds its line here.</summary>
    public static ModelKindRegistry Default { get; } = new(
    [
        new PopularityModelKind(),
        new VsknnModelKind(),
        new VmisknnModelKind(),
        new SequentialRulesModelKind(),
        new SasrecModelKind(),
        new HybridModelKind(),
    ]);

    public IReadOnlyCollection<string> Names => [.. _kinds.Keys.Order(StringComparer.Ordinal)];

    public IModelKind Get(string name) =>
        _kinds.TryGetValue(name, out var kind)
            ? kind
            : throw new ModelDirectoryException($"No model kind '{name}' (known: {string.Join(", ", Names)}).");

    /// <summary>The kind of a loaded model (by its <see cref="INextItemModel.Name"/>).</summary>
    public IModelKind For(INextItemModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Get(model.Name);
    }

    /// <summary>Loads and checks <paramref name="directory"/>, and wraps the model in its repeat mixture.</summary>
    public async Task<LoadedDirectory> LoadAsync(string directory, ModelLoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        var loaded = await LoadWithoutRepeatAsync(directory, options, cancellationToken).ConfigureAwait(false);
        return loaded with { Model = RepeatModelStore.Wrap(loaded.Model, loaded.Manifest) };
    }

    /// <summary>
    /// Loads and checks <paramref name="directory"/> without the repeat mixture: the parts of a hybrid, whose blend
    /// gets the hybrid's own mixture.
    /// </summary>
    public async Task<LoadedDirectory> LoadWithoutRepeatAsync(string directory, ModelLoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new ModelDirectoryException($"Model directory {directory} does not exist.");
        }

        var manifest = await ModelFiles.ReadManifestAsync(directory, cancellationToken).ConfigureAwait(false);
        if (!_kinds.TryGetValue(manifest.Type, out var kind))
        {
            throw new ModelDirectoryException(
                $"{Path.Combine(directory, ModelFiles.Manifest)}: no loader for model type '{manifest.Type}' (known: {string.Join(", ", Names)}).");
        }

        var model = await kind.LoadAsync(directory, manifest, options ?? ModelLoadOptions.Default, cancellationToken).ConfigureAwait(false);
        var problems = kind.Check(model);
        if (problems.Count > 0)
        {
            (model as IDisposable)?.Dispose();
            throw new ModelDirectoryException($"{directory}: the {kind.Name} model failed its check: {string.Join("; ", problems)}.");
        }

        return new LoadedDirectory(kind, model, manifest, kind.Describe(model));
    }
}
