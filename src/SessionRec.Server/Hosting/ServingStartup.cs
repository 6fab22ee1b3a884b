using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SessionRec.Core.Catalog;
using SessionRec.Core.ColdStart;
using SessionRec.Core.Items;
using SessionRec.Core.Ranking;
using SessionRec.Core.Serving;
using SessionRec.Core.Sessions;
using SessionRec.Models.Demo;
using SessionRec.Models.Knn;
using SessionRec.Models.ModelDirectory;
using SessionRec.Server.Configuration;
using SessionRec.Vectors;

namespace SessionRec.Server.Hosting;

/// <summary>
/// Loads what serving needs while the host starts, before the server accepts requests: the model (from
/// <c>Model:Path</c> through the model-kind registry, or session-kNN fitted on the generated demo shop), the catalog
/// (<c>Catalog:Path</c>, else the demo's or the model's items) and the trending counts cold start samples from
/// (seeded from the model's training data). Each file is read once, asynchronously. The model slot goes Loading →
/// Ready, or Failed, in which case the start fails too: a configured model that cannot serve is an operator error to
/// see at once, not a server quietly answering with cold start. A later reload can load the same way and
/// <see cref="ModelSlot.Publish"/>.
/// </summary>
public sealed partial class ServingStartup(
    IOptions<ModelOptions> modelOptions,
    IOptions<CatalogOptions> catalogOptions,
    IOptions<ItemIndexOptions> indexOptions,
    ModelKindRegistry kinds,
    ModelSlot modelSlot,
    CatalogSlot catalogSlot,
    ITrendingStore trending,
    ServedItemVectors vectors,
    ILogger<ServingStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            string? modelPath = modelOptions.Value.Path;
            var (loaded, description, demoCatalog) = string.IsNullOrWhiteSpace(modelPath)
                ? LoadDemo(modelOptions.Value)
                : await NamingSetting("Model:Path", modelPath, () => LoadDirectoryAsync(modelPath, cancellationToken));
            string? catalogPath = catalogOptions.Value.Path;
            var catalog = !string.IsNullOrWhiteSpace(catalogPath)
                ? await NamingSetting("Catalog:Path", catalogPath, () => CatalogFileReader.ReadAsync(catalogPath, cancellationToken))
                : demoCatalog ?? ItemCatalog.FromIds(loaded.Model.Vocabulary.Ids, "model");
            catalogSlot.Publish(catalog);
            await SeedTrendingAsync(loaded.Model.Vocabulary, description.TrainingCounts, cancellationToken);
            modelSlot.Publish(loaded);
            LogLoaded(logger, loaded.Model.Name, loaded.Source, loaded.Model.Vocabulary.Count, catalog.Count,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            modelSlot.Fail(e.Message);
            LogFailed(logger, e.Message);
            LogFailureDetail(logger, e);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A file that cannot be read or parsed fails the start with the setting that named it.</summary>
    private static async Task<T> NamingSetting<T>(string setting, string value, Func<Task<T>> load)
    {
        try
        {
            return await load();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ModelDirectoryException or Models.Data.DataFormatException)
        {
            throw StartupSettingException.For(setting, value, e);
        }
    }

    private (LoadedModel Loaded, ModelDescription Description, ItemCatalog Catalog) LoadDemo(ModelOptions options)
    {
        var demo = DemoDataGenerator.Generate(options.DemoItems, options.DemoSessions, options.DemoSeed);
        var model = new VsknnModel(demo.Sessions.Vocabulary, demo.Sessions.Sequences);
        var description = kinds.For(model).Describe(model);
        return (new LoadedModel(model, "demo", description.ItemIndex, new Dictionary<string, double>()), description,
            new ItemCatalog(demo.Catalog, "demo"));
    }

    private async Task<(LoadedModel Loaded, ModelDescription Description, ItemCatalog? Catalog)> LoadDirectoryAsync(
        string directory, CancellationToken cancellationToken)
    {
        var index = indexOptions.Value;
        IItemIndex? created = null;
        var options = new ModelLoadOptions
        {
            // Kept so health can query the very index the model searches.
            ItemIndex = async (table, dimension, ct) =>
            {
                vectors.Remember(table, dimension);
                return created = await ItemIndexFactory.CreateAsync(index, table, dimension, ct);
            },
        };
        var (_, model, manifest, description) = await kinds.LoadAsync(directory, options, cancellationToken);
        return (new LoadedModel(model, SourceLabel(directory), description.ItemIndex, OfflineFigures(manifest), created), description, null);
    }

    /// <summary>
    /// The first cold start should already have candidates. A shared store that is away at start only costs the
    /// seed; live clicks fill it once it is back.
    /// </summary>
    private async Task SeedTrendingAsync(ItemVocabulary vocabulary, IReadOnlyList<long>? counts, CancellationToken cancellationToken)
    {
        if (counts is null)
        {
            return;
        }

        try
        {
            await trending.SeedAsync(CountsById(vocabulary, counts), cancellationToken);
        }
        catch (SessionStoreUnavailableException)
        {
            LogSeedSkipped(logger);
        }
    }

    private static IEnumerable<KeyValuePair<string, double>> CountsById(ItemVocabulary vocabulary, IReadOnlyList<long> counts)
    {
        for (int i = 1; i < counts.Count; i++)
        {
            if (counts[i] > 0)
            {
                yield return new KeyValuePair<string, double>(vocabulary[i], counts[i]);
            }
        }
    }

    /// <summary>The directory's own name: responses show where the model came from without revealing the file system.</summary>
    private static string SourceLabel(string directory) =>
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trending counts were not seeded: the shared store is unreachable.")]
    private static partial void LogSeedSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving {Model} from {Source}: {ModelItems} model items, {CatalogItems} catalog items, ready in {Milliseconds:F0} ms.")]
    private static partial void LogLoaded(ILogger logger, string model, string source, int modelItems, int catalogItems, double milliseconds);

    // The reason alone: the stack trace of a missing file is noise on an operator's console (it is at Debug).
    [LoggerMessage(Level = LogLevel.Critical, Message = "The model or catalog could not be loaded; the server stops: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Start-up failure detail.")]
    private static partial void LogFailureDetail(ILogger logger, Exception exception);
}
