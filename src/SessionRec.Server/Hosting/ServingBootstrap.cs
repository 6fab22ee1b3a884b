using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SessionRec.Core.Catalog;
using SessionRec.Core.ColdStart;
using SessionRec.Core.Ranking;
using SessionRec.Core.Serving;
using SessionRec.Core.Sessions;
using SessionRec.Models.Demo;
using SessionRec.Models.Knn;
using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Popularity;
using SessionRec.Models.Repeat;
using SessionRec.Models.Sasrec;
using SessionRec.Vectors;
using SessionRec.Server.Configuration;

namespace SessionRec.Server.Hosting;

/// <summary>
/// Builds what serving needs before the first request: the model (from <c>Model:Path</c>, or session-kNN fitted on
/// the generated demo shop), the catalog (from <c>Catalog:Path</c>, else the model's or the demo's items), and the
/// trending counts that cold start samples from (seeded from the training log, so cold start is sensible at once).
/// </summary>
public sealed partial class ServingBootstrap
{
    public ServingBootstrap(
        IOptions<ModelOptions> modelOptions,
        IOptions<CatalogOptions> catalogOptions,
        IOptions<ItemIndexOptions> indexOptions,
        ITrendingStore trending,
        ILogger<ServingBootstrap> logger)
    {
        ArgumentNullException.ThrowIfNull(modelOptions);
        ArgumentNullException.ThrowIfNull(catalogOptions);
        ArgumentNullException.ThrowIfNull(trending);
        var options = modelOptions.Value;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        ItemCatalog? defaultCatalog;
        LoadedModel loaded;
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            var demo = DemoDataGenerator.Generate(options.DemoItems, options.DemoSessions, options.DemoSeed);
            var model = new VsknnModel(demo.Sessions.Vocabulary, demo.Sessions.Sequences);
            loaded = new LoadedModel(model, "demo", new Dictionary<string, double>());
            defaultCatalog = new ItemCatalog(demo.Catalog, "demo");
        }
        else
        {
            var model = WithConfiguredIndex(ModelLoader.Load(options.Path), options.Path, indexOptions.Value);
            var manifest = ModelFiles.ReadManifest(options.Path);
            loaded = new LoadedModel(model, options.Path, OfflineFigures(manifest));
            defaultCatalog = null;
        }

        Catalog = !string.IsNullOrWhiteSpace(catalogOptions.Value.Path)
            ? CatalogFileReader.Read(catalogOptions.Value.Path)
            : defaultCatalog ?? ItemCatalog.FromIds(loaded.Model.Vocabulary.Ids, "model");
        // Seeding is part of loading: the first cold start should already have candidates. A shared store that is
        // away at start only costs the seed; live clicks fill it once it is back.
        try
        {
            trending.SeedAsync(TrainingCounts(loaded.Model)).AsTask().GetAwaiter().GetResult();
        }
        catch (SessionStoreUnavailableException)
        {
            LogSeedSkipped(logger);
        }

        ModelSlot.Publish(loaded);
        LogLoaded(logger, loaded.Model.Name, loaded.Source, loaded.Model.Vocabulary.Count, Catalog.Count,
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public ModelSlot ModelSlot { get; } = new();

    public ItemCatalog Catalog { get; }

    /// <summary>
    /// Embedding models load with the exact scan; another configured provider (USearch, Qdrant) is built here from
    /// the same item embeddings, so the choice of index is configuration, not a different model directory.
    /// </summary>
    private static INextItemModel WithConfiguredIndex(INextItemModel model, string directory, ItemIndexOptions options)
    {
        if (RepeatAwareModel.Unwrap(model) is not EmbeddingModel embedding || options.Provider == ItemIndexProvider.Exact)
        {
            return model;
        }

        var table = NpyFile.Read(Path.Combine(directory, SasrecArtifact.ItemEmbeddingsFileName));
        var index = ItemIndexFactory.Create(options, table.Data, table.Columns);
        var indexed = new EmbeddingModel(embedding.Name, embedding.Vocabulary, embedding.Encoder, index);
        return model is RepeatAwareModel repeat ? new RepeatAwareModel(indexed, repeat.Options) : indexed;
    }

    /// <summary>Clicks per item in the model's training data, where the model keeps it.</summary>
    private static IEnumerable<KeyValuePair<string, double>> TrainingCounts(INextItemModel model)
    {
        var vocabulary = model.Vocabulary;
        var counts = RepeatAwareModel.Unwrap(model) switch
        {
            PopularityModel popularity => popularity.Counts,
            VsknnModel knn => PopularityModel.Fit(vocabulary, knn.Sessions).Counts,
            VmisknnModel knn => PopularityModel.Fit(vocabulary, knn.Sessions).Counts,
            _ => [],
        };
        for (int i = 1; i < counts.Count; i++)
        {
            if (counts[i] > 0)
            {
                yield return new KeyValuePair<string, double>(vocabulary[i], counts[i]);
            }
        }
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trending counts were not seeded: the shared store is unreachable.")]
    private static partial void LogSeedSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving {Model} from {Source}: {ModelItems} model items, {CatalogItems} catalog items, ready in {Milliseconds:F0} ms.")]
    private static partial void LogLoaded(ILogger logger, string model, string source, int modelItems, int catalogItems, double milliseconds);
}
