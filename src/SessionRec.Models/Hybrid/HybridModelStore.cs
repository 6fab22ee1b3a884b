using System.Text.Json.Nodes;
using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Repeat;

namespace SessionRec.Models.Hybrid;

/// <summary>
/// A hybrid model directory: each part's own model directory copied into <c>part-N/</c>, and the manifest's
/// <c>hyper_parameters.parts</c> listing them with their weights. Parts load without their own repeat mixture; the
/// hybrid's (<c>hyper_parameters.repeat</c>) wraps the blend.
/// </summary>
public static class HybridModelStore
{
    public static void Save(string directory, IReadOnlyList<string> partDirectories, IReadOnlyList<float> weights, RepeatOptions repeat)
    {
        ArgumentNullException.ThrowIfNull(partDirectories);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(repeat);
        if (partDirectories.Count == 0 || partDirectories.Count != weights.Count)
        {
            throw new ArgumentException("One weight per part is needed.", nameof(weights));
        }

        Directory.CreateDirectory(directory);
        var parts = new JsonArray();
        for (int p = 0; p < partDirectories.Count; p++)
        {
            string name = $"part-{p}";
            CopyDirectory(partDirectories[p], Path.Combine(directory, name));
            parts.Add(new JsonObject { ["path"] = name, ["weight"] = weights[p], ["type"] = ModelFiles.ReadManifest(partDirectories[p]).Type });
        }

        // The first part's vocabulary is the hybrid's: the catalog the server serves.
        File.Copy(Path.Combine(partDirectories[0], ModelFiles.Items), Path.Combine(directory, ModelFiles.Items), overwrite: true);
        ModelFiles.WriteManifest(directory, new ModelManifest
        {
            Type = HybridModel.TypeName,
            HyperParameters = new JsonObject { ["parts"] = parts, [RepeatModelStore.Key] = RepeatModelStore.ToJson(repeat) },
        });
    }

    /// <summary>
    /// Loads and checks each part of <paramref name="directories"/> through <paramref name="registry"/> (without
    /// their own repeat mixture) and blends them; parts already loaded are disposed if a later one fails.
    /// </summary>
    public static async Task<HybridModel> LoadPartsAsync(
        ModelKindRegistry registry, IReadOnlyList<string> directories, IReadOnlyList<float> weights,
        ModelLoadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(directories);
        ArgumentNullException.ThrowIfNull(weights);
        var parts = new List<HybridPart>();
        try
        {
            for (int p = 0; p < directories.Count; p++)
            {
                var part = await registry.LoadWithoutRepeatAsync(directories[p], options, cancellationToken).ConfigureAwait(false);
                parts.Add(new HybridPart(part.Model, weights[p], RepeatModelStore.DefaultsFor(part.Manifest.Type).Explore));
            }

            return new HybridModel(parts);
        }
        catch
        {
            foreach (var part in parts)
            {
                (part.Model as IDisposable)?.Dispose();
            }

            throw;
        }
    }

    /// <summary>Synchronous <see cref="LoadPartsAsync"/> with the shipped kinds, for tools (tune).</summary>
    public static HybridModel FromDirectories(IReadOnlyList<string> directories, IReadOnlyList<float> weights) =>
        LoadPartsAsync(ModelKindRegistry.Default, directories, weights, ModelLoadOptions.Default, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>The parts a hybrid manifest lists: each part's directory (inside <paramref name="directory"/>) and weight.</summary>
    public static (IReadOnlyList<string> Directories, IReadOnlyList<float> Weights) PartsOf(string directory, ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.HyperParameters["parts"] is not JsonArray parts || parts.Count == 0)
        {
            throw new ModelDirectoryException($"{directory}: a hybrid manifest needs hyper_parameters.parts.");
        }

        try
        {
            var paths = parts.Select(p => Path.Combine(directory, p!["path"]!.GetValue<string>())).ToList();
            var weights = parts.Select(p => p!["weight"]!.GetValue<float>()).ToList();
            return (paths, weights);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException or ArgumentException)
        {
            throw new ModelDirectoryException($"{directory}: hybrid parts are malformed: {e.Message}", e);
        }
    }

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var sub in Directory.GetDirectories(source))
        {
            CopyDirectory(sub, Path.Combine(destination, Path.GetFileName(sub)));
        }
    }
}
