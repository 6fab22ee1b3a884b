using System.Diagnostics;
using Microsoft.Extensions.Options;
using SessionRec.Core.ColdStart;
using SessionRec.Core.Experiments;
using SessionRec.Core.Serving;
using SessionRec.Models.ModelDirectory;
using SessionRec.Server.Configuration;

namespace SessionRec.Server.Hosting;

/// <summary>What a reload published.</summary>
public sealed record ModelReloadResult(LoadedModel Loaded, string? PreviousVersion, double LoadMilliseconds, double WarmMilliseconds);

/// <summary>
/// Replaces a served model without a restart: load (the registry checks files, shapes and finite values), check the
/// vocabulary against the catalog, warm with canary inferences, then publish to the slot in one swap. Requests in
/// flight finish on the old model, which the slot disposes after its last lease. Any failure refuses the model
/// (<see cref="ModelRefusedException"/>), disposes it and leaves the old one serving. One reload at a time.
/// </summary>
public sealed partial class ModelReloader(
    ServedModelLoader loader,
    ModelSlot defaultSlot,
    ExperimentArms experiments,
    CatalogSlot catalogSlot,
    ITrendingStore trending,
    ItemIndexCatalogSync catalogSync,
    IOptions<ModelOptions> options,
    TimeProvider time,
    ILogger<ModelReloader> logger)
{
    private const int CanaryItems = 8;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// Reloads the served model (or, in an experiment, the named arm's; the control's when none is named) from
    /// <paramref name="directory"/>, or from where it was last loaded when null.
    /// </summary>
    public async Task<ModelReloadResult> ReloadAsync(string? directory, string? armName, CancellationToken cancellationToken)
    {
        if (armName is not null && !experiments.Active)
        {
            throw ModelRefusedException.Conflict($"There is no arm '{armName}': no experiment is configured (Experiments:Arms).");
        }

        var arm = armName is null ? experiments.Control : experiments.Find(armName)
            ?? throw ModelRefusedException.Conflict($"There is no arm '{armName}' (arms: {string.Join(", ", experiments.Arms.Select(a => a.Name))}).");
        directory ??= arm?.Path ?? options.Value.Path;
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw ModelRefusedException.Conflict("Nothing to reload: Model:Path is empty (the demo model serves). Name a model directory in 'path'.");
        }

        var result = await ReloadAsync(arm?.Slot ?? defaultSlot, directory, cancellationToken);
        if (arm is not null)
        {
            arm.Path = directory;
        }

        return result;
    }

    public async Task<ModelReloadResult> ReloadAsync(ModelSlot slot, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!await _gate.WaitAsync(0, cancellationToken))
        {
            throw ModelRefusedException.Conflict("A model reload is already running; try again when it is done.");
        }

        try
        {
            return await LoadCheckAndSwapAsync(slot, directory, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ModelReloadResult> LoadCheckAndSwapAsync(ModelSlot slot, string directory, CancellationToken cancellationToken)
    {
        string label = ServedModelLoader.SourceLabel(directory);
        long started = Stopwatch.GetTimestamp();
        ServedModel incoming;
        try
        {
            incoming = await loader.LoadDirectoryAsync(directory, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRefused(logger, label, e);
            throw ModelRefusedException.Unusable(e is ModelDirectoryException or DirectoryNotFoundException
                ? Redact(e.Message, directory, label)
                : $"The model in '{label}' could not be read ({e.GetType().Name}); the log has the details.");
        }

        double loadMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var model = incoming.Loaded.Model;
        bool published = false;
        try
        {
            CheckCatalog(incoming.Loaded, label);
            long warmStarted = Stopwatch.GetTimestamp();
            await WarmAsync(incoming.Loaded, label, cancellationToken);
            double warmMs = Stopwatch.GetElapsedTime(warmStarted).TotalMilliseconds;
            string? previous = slot.Current?.Version;
            var loaded = incoming.Loaded with { LoadedAt = time.GetUtcNow() };
            slot.Publish(loaded);
            published = true;
            // After the swap: catalog writes from now on reach the new index through the slot; this brings it up to
            // the writes made before (leased, like every other use of a published model).
            using (var lease = slot.Acquire())
            {
                if (ReferenceEquals(lease.Loaded, loaded))
                {
                    await catalogSync.FollowAsync(loaded, catalogSlot.Current, cancellationToken);
                }
            }
            LogReloaded(logger, model.Name, label, loaded.Version ?? "?", previous ?? "none", loadMs, warmMs);
            return new ModelReloadResult(loaded, previous, loadMs, warmMs);
        }
        finally
        {
            if (!published)
            {
                (model as IDisposable)?.Dispose();
            }
        }
    }

    /// <summary>Items the catalog does not list are never served, so a model that mostly knows other items is
    /// almost certainly trained on another shop.</summary>
    private void CheckCatalog(LoadedModel loaded, string label)
    {
        var catalog = catalogSlot.Current;
        int count = loaded.Model.Vocabulary.Count;
        int known = loaded.Model.Vocabulary.Ids.Count(catalog.Contains);
        double share = count == 0 ? 0 : (double)known / count;
        double required = options.Value.MinCatalogOverlap;
        if (known == 0 || share < required)
        {
            LogCatalogMismatch(logger, label, known, count);
            throw ModelRefusedException.Unusable(
                $"Only {known} of the {count} items of the model in '{label}' ({share:P1}) are in the catalog; at least {required:P0} must be (Model:MinCatalogOverlap). Was it trained on another shop?");
        }
    }

    /// <summary>Canary inferences on the hottest items the model knows: one must answer items, none may fail.</summary>
    private async Task WarmAsync(LoadedModel loaded, string label, CancellationToken cancellationToken)
    {
        int answered = 0;
        foreach (int item in await ModelCanary.ItemsAsync(loaded.Model, trending, CanaryItems, cancellationToken))
        {
            var canary = await ModelCanary.RunAsync(loaded.Model, item, cancellationToken);
            if (canary.Failed)
            {
                if (canary.Exception is not null)
                {
                    LogRefused(logger, label, canary.Exception);
                }

                throw ModelRefusedException.Unusable($"The model in '{label}' was refused: {canary.Failure}.");
            }

            answered += canary.Found > 0 ? 1 : 0;
        }

        if (answered == 0)
        {
            throw ModelRefusedException.Unusable($"The model in '{label}' was refused: the canary inferences on its best-known items returned no items.");
        }
    }

    /// <summary>Messages of the model-directory checks name files by their full path; callers see the directory's name.</summary>
    private static string Redact(string message, string directory, string label) =>
        message.Replace(Path.GetFullPath(directory), label, StringComparison.Ordinal)
            .Replace(Path.TrimEndingDirectorySeparator(directory), label, StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reloaded: serving {Model} from {Source}, version {Version} (was {Previous}); loaded in {LoadMs:F0} ms, warmed in {WarmMs:F0} ms.")]
    private static partial void LogReloaded(ILogger logger, string model, string source, string version, string previous, double loadMs, double warmMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model in {Source} was refused; the previous model keeps serving.")]
    private static partial void LogRefused(ILogger logger, string source, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model in {Source} was refused: {Known} of its {Items} items are in the catalog.")]
    private static partial void LogCatalogMismatch(ILogger logger, string source, int known, int items);
}
