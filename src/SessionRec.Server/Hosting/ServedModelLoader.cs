using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SessionRec.Core.Catalog;
using SessionRec.Core.Ranking;
using SessionRec.Core.Serving;
using SessionRec.Models.Demo;
using SessionRec.Models.Knn;
using SessionRec.Models.ModelDirectory;
using SessionRec.Server.Configuration;
using SessionRec.Vectors;

namespace SessionRec.Server.Hosting;

/// <summary>A model read for serving, not yet published.</summary>
/// <param name="Loaded">The model with its labels and version (LoadedAt is set when it is published).</param>
/// <param name="Description">The kind's description (training counts seed trending at start).</param>
/// <param name="Catalog">The demo shop's catalog; null for a model directory.</param>
public sealed record ServedModel(LoadedModel Loaded, ModelDescription Description, ItemCatalog? Catalog);

/// <summary>
/// Reads a model the way start-up and every reload do: a directory through the model-kind registry (which checks
/// finite values and shapes, and disposes what fails), or session-kNN fitted on the generated demo shop.
/// </summary>
public sealed class ServedModelLoader(ModelKindRegistry kinds, IOptions<ItemIndexOptions> indexOptions, ServedItemVectors vectors)
{
    public ServedModel LoadDemo(ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var demo = DemoDataGenerator.Generate(options.DemoItems, options.DemoSessions, options.DemoSeed);
        var model = new VsknnModel(demo.Sessions.Vocabulary, demo.Sessions.Sequences);
        var description = kinds.For(model).Describe(model);
        string version = ModelVersion.Of($"demo:{options.DemoItems}:{options.DemoSessions}:{options.DemoSeed}");
        return new ServedModel(
            new LoadedModel(model, "demo", description.ItemIndex, new Dictionary<string, double>(), Version: version),
            description,
            new ItemCatalog(demo.Catalog, "demo"));
    }

    public async Task<ServedModel> LoadDirectoryAsync(string directory, CancellationToken cancellationToken)
    {
        var index = indexOptions.Value;
        IItemIndex? created = null;
        var options = new ModelLoadOptions
        {
            // Kept so health can query the very index the model searches, with the vectors it was built from so catalog
            // changes can be written into it (ItemIndexCatalogSync); a reload's index is remembered the same way.
            ItemIndex = async (table, dimension, ct) =>
            {
                created = await ItemIndexFactory.CreateAsync(index, table, dimension, ct);
                vectors.Remember(created, table, dimension);
                return created;
            },
        };
        if (!Directory.Exists(directory))
        {
            throw new ModelDirectoryException($"Model directory {directory} does not exist.");
        }

        // Hashed first: files replaced while the model loads then show as a new version on the next look.
        string version = await ModelVersion.ComputeAsync(directory, cancellationToken);
        var (_, model, manifest, description) = await kinds.LoadAsync(directory, options, cancellationToken);
        return new ServedModel(
            new LoadedModel(model, SourceLabel(directory), description.ItemIndex, OfflineFigures(manifest), created, version),
            description,
            null);
    }

    /// <summary>The directory's own name: responses show where the model came from without revealing the file system.</summary>
    public static string SourceLabel(string directory) =>
        Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));

    /// <summary>Numeric test figures of the manifest (falling back to validation), e.g. "hr@10".</summary>
    private static Dictionary<string, double> OfflineFigures(ModelManifest manifest)
    {
        var figures = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in manifest.Test ?? manifest.Validation ?? [])
        {
            if (value is JsonValue v && v.TryGetValue(out double number))
            {
                figures[key] = number;
            }
        }

        return figures;
    }
}
