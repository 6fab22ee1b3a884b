using System.Collections.Concurrent;
using SessionRec.Core.Ranking;

namespace SessionRec.Models.ModelDirectory;

/// <summary>Loads a model directory into the model the server and the evaluator call.</summary>
/// <remarks>
/// Dispatches on the manifest's <c>type</c>. Other model types plug in with <see cref="Register"/> from their own
/// file, e.g. a <c>[ModuleInitializer]</c> in this assembly or a call at application start-up. Every loaded model
/// comes wrapped in the repeat mixture (<see cref="Repeat.RepeatModelStore"/>).
/// </remarks>
public static class ModelLoader
{
    private static readonly ConcurrentDictionary<string, Func<string, ModelManifest, INextItemModel>> Loaders =
        new(StringComparer.Ordinal)
        {
            [Popularity.PopularityModel.TypeName] = PopularityModelStore.Load,
            [Knn.VsknnModel.TypeName] = VsknnModelStore.Load,
            [Knn.VmisknnModel.TypeName] = VmisknnModelStore.Load,
            [Hybrid.HybridModel.TypeName] = Hybrid.HybridModelStore.Load,
        };

    public static IReadOnlyCollection<string> RegisteredTypes => [.. Loaders.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Adds or replaces the loader for <paramref name="type"/>; it gets the directory and its parsed manifest.</summary>
    public static void Register(string type, Func<string, ModelManifest, INextItemModel> loader)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(loader);
        Loaders[type] = loader;
    }

    public static INextItemModel Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new ModelDirectoryException($"Model directory {directory} does not exist.");
        }

        var manifest = ModelFiles.ReadManifest(directory);
        return Loaders.TryGetValue(manifest.Type, out var loader)
            ? Repeat.RepeatModelStore.Wrap(loader(directory, manifest), manifest)
            : throw new ModelDirectoryException(
                $"{Path.Combine(directory, ModelFiles.Manifest)}: no loader for model type '{manifest.Type}' " +
                $"(known: {string.Join(", ", RegisteredTypes)}).");
    }
}
