using System.Diagnostics;
using Microsoft.Extensions.Options;
using SessionRec.Core.Catalog;
using SessionRec.Core.ColdStart;
using SessionRec.Core.Experiments;
using SessionRec.Core.Items;
using SessionRec.Core.Serving;
using SessionRec.Core.Sessions;
using SessionRec.Models.ModelDirectory;
using SessionRec.Server.Configuration;

namespace SessionRec.Server.Hosting;

/// <summary>
/// Loads what serving needs while the host starts, before the server accepts requests: the model (from
/// <c>Model:Path</c> through the model-kind registry, or session-kNN fitted on the generated demo shop), the catalog
/// (<c>Catalog:Path</c>, else the demo's or the model's items) and the trending counts cold start samples from
/// (seeded from the model's training data). Each file is read once, asynchronously. The model slot goes Loading →
/// Ready, or Failed, in which case the start fails too: a configured model that cannot serve is an operator error to
/// see at once, not a server quietly answering with cold start. Later models come through
/// <see cref="ModelReloader"/>, which loads the same way (<see cref="ServedModelLoader"/>).
/// </summary>
public sealed partial class ServingStartup(
    IOptions<ModelOptions> modelOptions,
    IOptions<CatalogOptions> catalogOptions,
    ExperimentArms experiments,
    ServedModelLoader loader,
    ModelSlot modelSlot,
    CatalogSlot catalogSlot,
    ITrendingStore trending,
    ItemIndexCatalogSync catalogSync,
    TimeProvider time,
    ILogger<ServingStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        NativeHeap.TrimAfterRelease = modelOptions.Value.TrimNativeMemory;
        try
        {
            // With an experiment its arms replace Model:Path; the first (the control) fills the service's own slot.
            string setting = experiments.Active ? "Experiments:Arms:0:Model:Path" : "Model:Path";
            string? path = experiments.Control?.Path ?? modelOptions.Value.Path;
            var (loaded, description, demoCatalog) = string.IsNullOrWhiteSpace(path)
                ? loader.LoadDemo(modelOptions.Value)
                : await NamingSetting(setting, path, () => loader.LoadDirectoryAsync(path, cancellationToken));
            string? catalogPath = catalogOptions.Value.Path;
            var catalog = !string.IsNullOrWhiteSpace(catalogPath)
                ? await NamingSetting("Catalog:Path", catalogPath, () => CatalogFileReader.ReadAsync(catalogPath, cancellationToken))
                : demoCatalog ?? ItemCatalog.FromIds(loaded.Model.Vocabulary.Ids, "model");
            catalogSlot.Publish(catalog);
            await SeedTrendingAsync(loaded.Model.Vocabulary, description.TrainingCounts, cancellationToken);
            modelSlot.Publish(loaded with { LoadedAt = time.GetUtcNow() });
            // Indexes are built from the model's files alone: the catalog's unavailable items are written in once.
            await catalogSync.FollowAsync(loaded, catalog, cancellationToken);
            for (int i = 1; i < experiments.Arms.Count; i++)
            {
                var arm = experiments.Arms[i];
                var other = await NamingSetting($"Experiments:Arms:{i}:Model:Path", arm.Path, () => loader.LoadDirectoryAsync(arm.Path, cancellationToken));
                arm.Slot.Publish(other.Loaded with { LoadedAt = time.GetUtcNow() });
                await catalogSync.FollowAsync(other.Loaded, catalog, cancellationToken);
                LogArm(logger, arm.Name, other.Loaded.Model.Name, other.Loaded.Source);
            }

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Experiment arm {Arm} serves {Model} from {Source}.")]
    private static partial void LogArm(ILogger logger, string arm, string model, string source);

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
