using System.Buffers;
using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SessionRec.Core.Catalog;
using SessionRec.Core.ColdStart;
using SessionRec.Core.Experiments;
using SessionRec.Core.Metrics;
using SessionRec.Core.Privacy;
using SessionRec.Core.Ranking;
using SessionRec.Core.Sessions;
using SessionRec.Core.Telemetry;

namespace SessionRec.Core.Serving;

/// <summary>
/// The recommend flow: read the session (refreshing its expiry), pick cold start or the model, fill up to k from
/// trending items when the model runs short, and record what was served so it can be resolved later.
/// </summary>
public sealed partial class SessionRecommender(
    ISessionStore sessions,
    ModelSlot modelSlot,
    ItemCatalog catalog,
    ITrendingStore trending,
    ThompsonSamplingBandit bandit,
    IServedRecommendationStore served,
    OnlineMetrics metrics,
    TimeProvider time,
    IOptions<RecommendationOptions> recommendationOptions,
    IOptions<ColdStartOptions> coldStartOptions,
    ILogger<SessionRecommender>? logger = null,
    ExperimentArms? experiments = null)
{
    private readonly bool _excludeSeen = recommendationOptions.Value.ExcludeSeen;
    private readonly int _minClicksForModel = coldStartOptions.Value.MinClicksForModel;
    private readonly int _candidates = coldStartOptions.Value.Candidates;
    private readonly int _blendSlots = coldStartOptions.Value.BlendSlots;
    private readonly int _blendBelowClicks = coldStartOptions.Value.BlendBelowClicks;

    public async ValueTask<RecommendationResult> RecommendAsync(SessionKey session, int k, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        IReadOnlyList<string> clicks;
        bool storeDown = false;
        using (var read = SessionRecTelemetry.ActivitySource.StartActivity("session.read"))
        {
            long started = Stopwatch.GetTimestamp();
            try
            {
                clicks = await sessions.ReadAsync(session, cancellationToken);
            }
            catch (SessionStoreUnavailableException)
            {
                // Keep answering: without the session, the best we can do is cold start, and the response says so.
                clicks = [];
                storeDown = true;
            }

            SessionRecTelemetry.SessionStoreDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, SessionRecTelemetry.Tag("operation", "read"));
            read?.SetTag("sessionrec.clicks", clicks.Count);
        }

        var seen = _excludeSeen ? new HashSet<string>(clicks, StringComparer.Ordinal) : null;
        // In an experiment the session's arm serves from its own slot. The lease is held to the end: a reload may swap
        // the model meanwhile, but not dispose the one this request ranks with.
        var arm = experiments?.Assign(session);
        var slot = arm?.Slot ?? modelSlot;
        using var lease = slot.Acquire();
        var loaded = lease.Loaded;

        var items = new List<string>(k);
        var scores = new List<double>(k);
        bool trendingStale = false;
        bool coldStart = clicks.Count < _minClicksForModel || loaded is null;
        bool modelFailed = false;
        string message;
        if (!coldStart)
        {
            (int added, modelFailed) = await TryRankWithModelAsync(loaded!.Model, clicks, k, seen, items, scores, cancellationToken);
            coldStart = added == 0;
        }

        if (!coldStart)
        {
            message = "Recommendations from the session model.";
            if (clicks.Count < _blendBelowClicks && Math.Min(_blendSlots, k - 1) is > 0 and var slots)
            {
                // Keep the model's head and let the bandit explore in the tail: short sessions still learn trends.
                int keep = Math.Min(items.Count, k - slots);
                items.RemoveRange(keep, items.Count - keep);
                scores.RemoveRange(keep, scores.Count - keep);
                using (SessionRecTelemetry.ActivitySource.StartActivity("bandit.choose"))
                {
                    trendingStale = await ChooseColdStartAsync(slots, seen, items, scores, cancellationToken);
                }

                message += $" The last {items.Count - keep} are trending items chosen by the bandit.";
            }
        }
        else
        {
            string reason = storeDown ? "store_unavailable"
                : clicks.Count < _minClicksForModel ? "few_clicks"
                : loaded is null ? slot.State == ModelState.Failed ? "model_failed" : "model_loading"
                : modelFailed ? "model_error"
                : "unknown_items";
            coldStart = true;
            using (SessionRecTelemetry.ActivitySource.StartActivity("bandit.choose"))
            {
                trendingStale = await ChooseColdStartAsync(k, seen, items, scores, cancellationToken);
            }

            SessionRecTelemetry.ColdStartDecisions.Add(1, SessionRecTelemetry.Tag("reason", reason));
            message = reason switch
            {
                "store_unavailable" => "Cold start: the session store is unavailable, so the session's clicks are unknown.",
                "few_clicks" => $"Cold start: the session has fewer than {_minClicksForModel} clicks.",
                "model_loading" => "Cold start: the model is still loading.",
                "model_failed" => "Cold start: the model failed to load.",
                "model_error" => "Cold start: the model failed on this session.",
                _ => "Cold start: the model knows none of the session's items.",
            };
        }

        var (filled, fillStale) = await FillFromTrendingAsync(k, seen, items, scores, cancellationToken);
        if (filled > 0)
        {
            message += $" {filled} trending items filled the list to k.";
        }

        if (trendingStale || fillStale)
        {
            message += " Trending items come from this replica's last known list: the shared store is unreachable.";
        }

        var record = new ServedRecommendation(NewRecommendationId(), session, items, coldStart, time.GetUtcNow(), arm?.Name);
        try
        {
            await served.RecordAsync(record, cancellationToken);
        }
        catch (SessionStoreUnavailableException)
        {
            message += " It could not be recorded, so it will not count towards hit rate.";
        }

        metrics.RecommendationServed(coldStart, arm?.Name);
        arm?.Stats.Served(coldStart);
        return new RecommendationResult(record.Id, items, scores, coldStart, loaded?.Model.Name ?? "none", message, arm?.Name);
    }

    /// <summary>
    /// A model that throws at serve time (bad weights, a bug) must not turn into a 500: the request falls back to cold
    /// start and says so. The log line names the model, never the session.
    /// </summary>
    private async ValueTask<(int Added, bool Failed)> TryRankWithModelAsync(INextItemModel model, IReadOnlyList<string> clicks, int k,
        HashSet<string>? seen, List<string> items, List<double> scores, CancellationToken cancellationToken)
    {
        try
        {
            return (await RankWithModelTracedAsync(model, clicks, k, seen, items, scores, cancellationToken), false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            items.Clear();
            scores.Clear();
            if (logger is not null)
            {
                LogModelFailure(logger, model.Name, e.GetType().Name);
            }

            return (0, true);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Model {Model} failed at serve time ({Exception}); the request fell back to cold start.")]
    private static partial void LogModelFailure(ILogger logger, string model, string exception);

    private async ValueTask<int> RankWithModelTracedAsync(INextItemModel model, IReadOnlyList<string> clicks, int k, HashSet<string>? seen,
        List<string> items, List<double> scores, CancellationToken cancellationToken)
    {
        using var activity = SessionRecTelemetry.ActivitySource.StartActivity("model.rank");
        activity?.SetTag("sessionrec.model", model.Name);
        long started = Stopwatch.GetTimestamp();
        int added = await RankWithModelAsync(model, clicks, k, seen, items, scores, cancellationToken);
        SessionRecTelemetry.ModelDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, SessionRecTelemetry.Tag("model", model.Name));
        return added;
    }

    // In-process models complete RecommendAsync synchronously, so this stays allocation-free on their path; a model
    // on a remote index (Qdrant) awaits the network instead of blocking the request thread.
    private async ValueTask<int> RankWithModelAsync(INextItemModel model, IReadOnlyList<string> clicks, int k, HashSet<string>? seen,
        List<string> items, List<double> scores, CancellationToken cancellationToken)
    {
        var vocabulary = model.Vocabulary;
        int[] indices = ArrayPool<int>.Shared.Rent(clicks.Count);
        var ranked = ArrayPool<ScoredItem>.Shared.Rent(k);
        try
        {
            int n = 0;
            foreach (var click in clicks)
            {
                if (vocabulary.TryGetIndex(click, out int index))
                {
                    indices[n++] = index;
                }
            }

            if (n == 0)
            {
                return 0;
            }

            var session = indices.AsMemory(0, n);
            int found = await model.RecommendAsync(session, seen is null ? default : session, ranked.AsMemory(0, k), cancellationToken);
            int added = 0;
            for (int i = 0; i < found; i++)
            {
                string id = vocabulary[ranked[i].Index];
                // Items the catalog no longer lists are unavailable: never serve them.
                if (catalog.Contains(id))
                {
                    items.Add(id);
                    scores.Add(ranked[i].Score);
                    added++;
                }
            }

            return added;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(indices);
            ArrayPool<ScoredItem>.Shared.Return(ranked);
        }
    }

    /// <summary>Appends up to <paramref name="k"/> bandit choices among trending items not seen and not already listed.
    /// Returns whether the candidates came from a stale local copy of trending.</summary>
    private async ValueTask<bool> ChooseColdStartAsync(int k, HashSet<string>? seen, List<string> items, List<double> scores, CancellationToken cancellationToken)
    {
        int want = Math.Max(_candidates, k);
        var top = await trending.ReadTopAsync(want + (seen?.Count ?? 0) + items.Count, cancellationToken);
        var candidates = new List<string>(want);
        foreach (var item in top.Items)
        {
            if (candidates.Count == want)
            {
                break;
            }

            if ((seen is null || !seen.Contains(item)) && !items.Contains(item) && catalog.Contains(item))
            {
                candidates.Add(item);
            }
        }

        var chosen = new string[Math.Min(k, candidates.Count)];
        var draws = new double[chosen.Length];
        int n = await bandit.ChooseAsync(candidates, chosen, draws, cancellationToken);
        for (int i = 0; i < n; i++)
        {
            items.Add(chosen[i]);
            scores.Add(draws[i]);
        }

        return top.Stale;
    }

    /// <summary>Tops the list up to k with trending, then any catalog items, skipping seen and already chosen ones.</summary>
    private async ValueTask<(int Added, bool Stale)> FillFromTrendingAsync(int k, HashSet<string>? seen, List<string> items, List<double> scores, CancellationToken cancellationToken)
    {
        if (items.Count >= k)
        {
            return (0, false);
        }

        var chosen = new HashSet<string>(items, StringComparer.Ordinal);
        int added = 0;
        int look = k + chosen.Count + (seen?.Count ?? 0);
        var top = await trending.ReadTopAsync(look, cancellationToken);
        foreach (var item in top.Items.Concat(catalog.Ids))
        {
            if (items.Count >= k)
            {
                break;
            }

            if ((seen is null || !seen.Contains(item)) && catalog.Contains(item) && chosen.Add(item))
            {
                items.Add(item);
                scores.Add(0);
                added++;
            }
        }

        return (added, top.Stale && added > 0);
    }

    private static string NewRecommendationId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
