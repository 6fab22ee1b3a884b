using Microsoft.Extensions.Options;
using SessionRec.Core.Experiments;
using SessionRec.Core.Serving;
using SessionRec.Models.ModelDirectory;
using SessionRec.Server.Configuration;

namespace SessionRec.Server.Hosting;

/// <summary>
/// With <c>Model:Watch=true</c>, looks at <c>Model:Path</c> every <c>Model:WatchInterval</c> and reloads when its
/// files changed (or a symlink there points elsewhere) and then held still for one interval, so a directory still
/// being copied is not loaded half-written. Polling rather than file-system events: it sees a symlink swap and works
/// on network and container mounts. A refused model is logged by the reloader and not retried until the files
/// change again.
/// </summary>
public sealed partial class ModelDirectoryWatcher(
    IOptions<ModelOptions> options, ModelReloader reloader, ModelSlot slot, ExperimentArms experiments, TimeProvider time,
    ILogger<ModelDirectoryWatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        // Arms replace Model:Path (each is reloaded through the admin endpoint), so there is nothing of it to watch.
        if (!settings.Watch || string.IsNullOrWhiteSpace(settings.Path) || experiments.Active)
        {
            return;
        }

        string directory = settings.Path;
        string? settled = Stamp(directory);
        string? pending = null;
        using var timer = new PeriodicTimer(settings.WatchInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            string? stamp = Stamp(directory);
            if (stamp is null || stamp == settled)
            {
                pending = null;
                continue;
            }

            if (stamp != pending)
            {
                pending = stamp; // changed: wait one more interval for it to hold still
                continue;
            }

            settled = stamp;
            pending = null;
            await ReloadIfNewAsync(directory, stoppingToken);
        }
    }

    private async Task ReloadIfNewAsync(string directory, CancellationToken stoppingToken)
    {
        try
        {
            // A touched file with the same bytes is not a new model.
            if (await ModelVersion.ComputeAsync(directory, stoppingToken) == slot.Current?.Version)
            {
                return;
            }

            await reloader.ReloadAsync(slot, directory, stoppingToken);
        }
        catch (ModelRefusedException e)
        {
            LogNotReloaded(logger, e.Message);
        }
        catch (IOException e)
        {
            LogUnreadable(logger, e);
        }
    }

    /// <summary>Names, sizes and write times of every file, and where a symlinked directory points: cheap to take.</summary>
    private static string? Stamp(string directory)
    {
        try
        {
            var info = new DirectoryInfo(directory);
            if (!info.Exists)
            {
                return null;
            }

            var parts = info.EnumerateFiles("*", SearchOption.AllDirectories)
                .Select(f => $"{f.FullName}|{f.Length}|{f.LastWriteTimeUtc.Ticks}")
                .Order(StringComparer.Ordinal)
                .Prepend(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? "");
            return string.Join('\n', parts);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model:Path changed but the new model was not loaded: {Reason}")]
    private static partial void LogNotReloaded(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model:Path changed but could not be read; the served model stays.")]
    private static partial void LogUnreadable(ILogger logger, Exception exception);
}
