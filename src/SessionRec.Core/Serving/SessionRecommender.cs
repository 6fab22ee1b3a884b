using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
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

    /// <summary>Run-time additions the model does not know, offered to the bandit beside trending (newest first).</summary>
    private const int NewItemCandidates = 10;

    // One entry per served vocabulary (arms may serve different models): alternating arms must not rebuild each
    // other's masks. Weak keys, so a retired model's masks go with it.
    private readonly ConditionalWeakTable<Items.ItemVocabulary, MaskHolder> _masks = new();

    public ValueTask<RecommendationResult> RecommendAsync(SessionKey session, int k, CancellationToken cancellationToken = default) =>
        RecommendAsync(session, k, RecommendationFilter.None, cancellationToken);

    /// <summary>Recommends for a stored session within <paramref name="filter"/>, and records what was served.</summary>
    public async ValueTask<RecommendationResult> RecommendAsync(SessionKey session, int k, RecommendationFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentNullException.ThrowIfNull(filter);
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

        // In an experiment the session's arm serves from its own slot.
        var arm = experiments?.Assign(session);
        var ranking = await RankAsync(clicks, k, filter, storeDown, arm?.Slot ?? modelSlot, cancellationToken);
        string message = ranking.Message;
        var record = new ServedRecommendation(NewRecommendationId(), session, ranking.Items, ranking.ColdStart, time.GetUtcNow(), arm?.Name);
        try
        {
            await served.RecordAsync(record, cancellationToken);
        }
        catch (SessionStoreUnavailableException)
        {
            message += " It could not be recorded, so it will not count towards hit rate.";
        }

        metrics.RecommendationServed(ranking.ColdStart, arm?.Name);
        arm?.Stats.Served(ranking.ColdStart);
        return new RecommendationResult(record.Id, ranking.Items, ranking.Scores, ranking.ColdStart, ranking.Model, message, arm?.Name);
    }

    /// <summary>
    /// Recommends for a visitor's recent items without a session: nothing is read or written (no session, no served
    /// record, no counter, no learning), so the answer has no recommendation id.
    /// </summary>
    public async ValueTask<RecommendationResult> RecommendForItemsAsync(IReadOnlyList<string> recentItems, int k, RecommendationFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recentItems);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentNullException.ThrowIfNull(filter);
        // No session, so no experiment arm: the control model (the one /api/v1/model describes) answers.
        var ranking = await RankAsync(recentItems, k, filter, storeDown: false, modelSlot, cancellationToken);
        return new RecommendationResult(null, ranking.Items, ranking.Scores, ranking.ColdStart, ranking.Model, ranking.Message + " Nothing was stored.");
    }

    /// <summary>
    /// The items the served model ranks after <paramref name="itemId"/> alone, whatever the cold-start threshold:
    /// deterministic for a model and catalog state (no bandit, no trending), so it can be cached. Empty when no model
    /// is ready or the model does not know the item.
    /// </summary>
    public async ValueTask<(IReadOnlyList<string> Items, IReadOnlyList<double> Scores, string Model)> RelatedAsync(
        string itemId, int k, RecommendationFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentNullException.ThrowIfNull(filter);
        // Leased to the end: a reload may swap the model meanwhile, but not dispose the one this request ranks with.
        using var lease = modelSlot.Acquire();
        var loaded = lease.Loaded;
        var items = new List<string>(k);
        var scores = new List<double>(k);
        if (loaded is not null)
        {
            var exclude = new HashSet<string>(StringComparer.Ordinal) { itemId };
            await TryRankWithModelAsync(loaded.Model, [itemId], k, exclude, filter, items, scores, cancellationToken);
        }

        return (items, scores, loaded?.Model.Name ?? "none");
    }

    private readonly record struct Ranking(List<string> Items, List<double> Scores, bool ColdStart, string Model, string Message);

    private async ValueTask<Ranking> RankAsync(IReadOnlyList<string> clicks, int k, RecommendationFilter filter, bool storeDown, ModelSlot slot,
        CancellationToken cancellationToken)
    {
        var seen = _excludeSeen ? new HashSet<string>(clicks, StringComparer.Ordinal) : null;
        // The lease is held to the end: a reload may swap the model meanwhile, but not dispose the one this request ranks with.
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
            (int added, modelFailed) = await TryRankWithModelAsync(loaded!.Model, clicks, k, seen, filter, items, scores, cancellationToken);
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
                    trendingStale = await ChooseColdStartAsync(slots, seen, filter, loaded!.Model, items, scores, cancellationToken);
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
                : !filter.IsEmpty && clicks.Any(loaded.Model.Vocabulary.Contains) ? "filtered_out"
                : "unknown_items";
            coldStart = true;
            using (SessionRecTelemetry.ActivitySource.StartActivity("bandit.choose"))
            {
                trendingStale = await ChooseColdStartAsync(k, seen, filter, loaded?.Model, items, scores, cancellationToken);
            }

            SessionRecTelemetry.ColdStartDecisions.Add(1, SessionRecTelemetry.Tag("reason", reason));
            message = reason switch
            {
                "store_unavailable" => "Cold start: the session store is unavailable, so the session's clicks are unknown.",
                "few_clicks" => $"Cold start: the session has fewer than {_minClicksForModel} clicks.",
                "model_loading" => "Cold start: the model is still loading.",
                "model_failed" => "Cold start: the model failed to load.",
                "model_error" => "Cold start: the model failed on this session.",
                "filtered_out" => "Cold start: the model ranks no item within the filter.",
                _ => "Cold start: the model knows none of the session's items.",
            };
        }

        var (filled, fillStale) = await FillFromTrendingAsync(k, seen, filter, items, scores, cancellationToken);
        if (filled > 0)
        {
            message += filter.IsEmpty
                ? $" {filled} trending items filled the list to k."
                : $" {filled} trending or catalog items within the filter filled the list to k.";
        }

        if (items.Count < k)
        {
            message += $" Only {items.Count} items are eligible{(filter.IsEmpty ? string.Empty : " within the filter")}.";
        }

        if (trendingStale || fillStale)
        {
            message += " Trending items come from this replica's last known list: the shared store is unreachable.";
        }

        return new Ranking(items, scores, coldStart, loaded?.Model.Name ?? "none", message);
    }

    /// <summary>
    /// A model that throws at serve time (bad weights, a bug) must not turn into a 500: the request falls back to cold
    /// start and says so. The log line names the model, never the session.
    /// </summary>
    private async ValueTask<(int Added, bool Failed)> TryRankWithModelAsync(INextItemModel model, IReadOnlyList<string> clicks, int k,
        HashSet<string>? seen, RecommendationFilter filter, List<string> items, List<double> scores, CancellationToken cancellationToken)
    {
        try
        {
            return (await RankWithModelTracedAsync(model, clicks, k, seen, filter, items, scores, cancellationToken), false);
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
        RecommendationFilter filter, List<string> items, List<double> scores, CancellationToken cancellationToken)
    {
        using var activity = SessionRecTelemetry.ActivitySource.StartActivity("model.rank");
        activity?.SetTag("sessionrec.model", model.Name);
        long started = Stopwatch.GetTimestamp();
        int added = await RankWithModelAsync(model, clicks, k, seen, filter, items, scores, cancellationToken);
        SessionRecTelemetry.ModelDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, SessionRecTelemetry.Tag("model", model.Name));
        return added;
    }

    // In-process models complete RecommendAsync synchronously, so this stays allocation-free on their path; a model
    // on a remote index (Qdrant) awaits the network instead of blocking the request thread. Availability and the
    // filter are a mask the model applies while it selects its top-k, so the list is full whenever it can be.
    private async ValueTask<int> RankWithModelAsync(INextItemModel model, IReadOnlyList<string> clicks, int k, HashSet<string>? seen,
        RecommendationFilter filter, List<string> items, List<double> scores, CancellationToken cancellationToken)
    {
        var vocabulary = model.Vocabulary;
        var masks = MasksFor(vocabulary);
        int[] indices = ArrayPool<int>.Shared.Rent(clicks.Count + 1);
        var ranked = ArrayPool<ScoredItem>.Shared.Rent(k);
        ulong[]? filtered = masks.Rent(filter);
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
            var mask = filtered is null ? masks.Available : new ItemMask(filtered);
            int found = await MaskedRanking.RecommendAsync(model, session, seen is null ? default : session, mask, ranked.AsMemory(0, k), cancellationToken);
            var catalogNow = masks.Catalog;
            int added = 0;
            for (int i = 0; i < found; i++)
            {
                string id = vocabulary[ranked[i].Index];
                // The mask already holds these rules; the check keeps a model that ignored it from ever serving a hidden item.
                if (filter.Allows(catalogNow, id))
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
            EligibilityMasks.Return(filtered);
        }
    }

    /// <summary>The masks of the current catalog for <paramref name="vocabulary"/>, rebuilt once after a catalog change
    /// or a model swap (concurrent requests may both build; either result is right).</summary>
    private EligibilityMasks MasksFor(Items.ItemVocabulary vocabulary)
    {
        var snapshot = catalog.Snapshot;
        var holder = _masks.GetValue(vocabulary, static _ => new MaskHolder());
        var masks = Volatile.Read(ref holder.Masks);
        if (masks is null || !ReferenceEquals(masks.Catalog, snapshot))
        {
            masks = new EligibilityMasks(snapshot, vocabulary);
            Volatile.Write(ref holder.Masks, masks);
        }

        return masks;
    }

    private sealed class MaskHolder
    {
        public EligibilityMasks? Masks;
    }

    /// <summary>Appends up to <paramref name="k"/> bandit choices among trending items (and items added at run time that
    /// the model does not know yet, so they can be discovered) that are allowed, not seen and not already listed.
    /// Returns whether the candidates came from a stale local copy of trending.</summary>
    private async ValueTask<bool> ChooseColdStartAsync(int k, HashSet<string>? seen, RecommendationFilter filter, INextItemModel? model,
        List<string> items, List<double> scores, CancellationToken cancellationToken)
    {
        int want = Math.Max(_candidates, k);
        var snapshot = catalog.Snapshot;
        // A filter may hide most of the hottest items, so it reads further down the list.
        int look = (want + (seen?.Count ?? 0) + items.Count) * (filter.IsEmpty ? 1 : 4);
        var top = await trending.ReadTopAsync(look, cancellationToken);
        var candidates = new List<string>(want + NewItemCandidates);
        foreach (var item in top.Items)
        {
            if (candidates.Count == want)
            {
                break;
            }

            if ((seen is null || !seen.Contains(item)) && !items.Contains(item) && filter.Allows(snapshot, item))
            {
                candidates.Add(item);
            }
        }

        var added = snapshot.RecentlyAdded;
        for (int i = added.Count - 1, offered = 0; i >= 0 && offered < NewItemCandidates; i--)
        {
            string item = added[i];
            if ((model is null || !model.Vocabulary.Contains(item)) && (seen is null || !seen.Contains(item))
                && !items.Contains(item) && !candidates.Contains(item) && filter.Allows(snapshot, item))
            {
                candidates.Add(item);
                offered++;
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

    /// <summary>Tops the list up to k with trending, then catalog items (of the allowed categories), skipping seen,
    /// filtered-out and already chosen ones.</summary>
    private async ValueTask<(int Added, bool Stale)> FillFromTrendingAsync(int k, HashSet<string>? seen, RecommendationFilter filter,
        List<string> items, List<double> scores, CancellationToken cancellationToken)
    {
        if (items.Count >= k)
        {
            return (0, false);
        }

        var snapshot = catalog.Snapshot;
        var chosen = new HashSet<string>(items, StringComparer.Ordinal);
        int added = 0;
        int look = k + chosen.Count + (seen?.Count ?? 0);
        var top = await trending.ReadTopAsync(look, cancellationToken);
        foreach (var item in top.Items.Concat(filter.FillCandidates(snapshot)))
        {
            if (items.Count >= k)
            {
                break;
            }

            if ((seen is null || !seen.Contains(item)) && filter.Allows(snapshot, item) && chosen.Add(item))
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
