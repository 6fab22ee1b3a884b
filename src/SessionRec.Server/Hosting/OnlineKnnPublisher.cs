using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using SessionRec.Core.Catalog;
using SessionRec.Core.Experiments;
using SessionRec.Core.Serving;
using SessionRec.Core.Sessions;
using SessionRec.Models.Knn;
using SessionRec.Models.Knn.Online;
using SessionRec.Server.Configuration;

namespace SessionRec.Server.Hosting;

/// <summary>
/// Every <c>Knn:Online:Interval</c>, when sessions ended since the last look, rebuilds each served V-SKNN (the
/// service's model, or each experiment arm's) from its base sessions plus the <see cref="EndedSessionWindow"/>, off
/// the request path, and swaps it in with <see cref="ModelSlot.TryReplace"/>: requests keep their leased model, and a
/// reload that lands meanwhile wins (its model becomes the new base). Models of other kinds are left alone.
/// </summary>
public sealed partial class OnlineKnnPublisher(
    IOptions<KnnOnlineOptions> options,
    EndedSessionWindow window,
    ModelSlot defaultSlot,
    ExperimentArms experiments,
    CatalogSlot catalog,
    TimeProvider time,
    ILogger<OnlineKnnPublisher> logger) : BackgroundService
{
    // What each slot's current model was built from: the model loaded from disk (or the demo), not a rebuilt one.
    private readonly ConditionalWeakTable<LoadedModel, VsknnModel> _bases = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!window.Enabled)
        {
            return;
        }

        long seen = 0;
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            long absorbed = window.Absorbed;
            if (absorbed == seen)
            {
                continue;
            }

            seen = absorbed;
            var ended = window.Snapshot();
            foreach (var slot in experiments.Active ? experiments.Arms.Select(a => a.Slot) : [defaultSlot])
            {
                Publish(slot, ended, absorbed);
            }
        }
    }

    /// <summary>Rebuilds one slot's V-SKNN; public so tests can drive it without a clock.</summary>
    public bool Publish(ModelSlot slot, IReadOnlyList<string[]> ended, long absorbed)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (slot.Current is not { } current)
        {
            return false;
        }

        if (!_bases.TryGetValue(current, out var baseModel))
        {
            // A model from start-up or a reload: it is the base from now on.
            baseModel = OnlineVsknn.BaseOf(current.Model);
            if (baseModel is null)
            {
                return false;
            }
        }

        long started = Stopwatch.GetTimestamp();
        var served = catalog.Current;
        var model = OnlineVsknn.Extend(current.Model, baseModel, ended, served.Contains);
        string baseVersion = current.Version?.Split('+')[0] ?? "?";
        var next = current with { Model = model, Version = $"{baseVersion}+{absorbed}", LoadedAt = time.GetUtcNow() };
        _bases.AddOrUpdate(next, baseModel);
        if (!slot.TryReplace(current, next))
        {
            return false;
        }

        LogPublished(logger, ended.Count, model.Vocabulary.Count - baseModel.Vocabulary.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session-kNN republished with {Sessions} ended sessions ({NewItems} items it did not know) in {Milliseconds:F0} ms.")]
    private static partial void LogPublished(ILogger logger, int sessions, int newItems, double milliseconds);
}
