using System.Collections.Concurrent;
using SessionRec.Core.Items;
using SessionRec.Core.Ranking;
using SessionRec.Models.Popularity;

namespace SessionRec.Models.Knn;

/// <summary>
/// VMIS-kNN, vector-multiplication indexed session kNN (Kersbergen, Sprangers &amp; Schelter, SIGMOD 2022, as in
/// bol.com's Serenade), built in memory from the training sessions. For a session:
/// <list type="number">
/// <item>Each click at position p (1-based, oldest first) of the current session's last n clicks weighs p / n; an
/// item's weight is the sum over its clicks, so the newest and the repeated items count most.</item>
/// <item>Candidates: the <see cref="VmisknnOptions.SampleSize"/> (m) most recent training sessions sharing an item,
/// merged from the item → sessions index; similarity = the sum of the weights of the shared items.</item>
/// <item>The <see cref="VmisknnOptions.Neighbors"/> (k) most similar are kept (ties to the more recent).</item>
/// <item>Score of an item = Σ over neighbours holding it of similarity × max(0, 1 − decay·d) × ln(P / df(item))^w,
/// d the distance (newest click = 1) of the most recent current click the neighbour shares, P the training
/// session-item pairs and df the sessions holding the item.</item>
/// </list>
/// Serenade also drops the most recent item from the list; we keep it, because repeat clicks are common in session
/// data and <see cref="Repeat.RepeatAwareModel"/> ranks them. Short lists are filled in popularity order with score 0.
/// Deterministic, safe for concurrent calls, and allocation-free once warm (pooled scratch).
/// </summary>
public sealed class VmisknnModel : INextItemModel
{
    public const string TypeName = "vmisknn";

    private readonly SessionItemIndex _index;
    private readonly float[] _itemFactor;
    private readonly long[] _counts;
    private readonly int[] _ranking;
    private readonly ConcurrentBag<VmisknnScratch> _scratch = [];

    /// <param name="sessions">Training sessions as dense indices, oldest click first, oldest session first.</param>
    public VmisknnModel(ItemVocabulary vocabulary, IReadOnlyList<int[]> sessions, VmisknnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(sessions);
        Options = options ?? new VmisknnOptions();
        Options.Validate();
        Vocabulary = vocabulary;
        Sessions = sessions;
        int n = vocabulary.Count;
        _index = new SessionItemIndex(n, sessions);
        double pairs = _index.SessionItems.Length;
        _itemFactor = new float[n + 1];
        for (int i = 1; i <= n; i++)
        {
            int df = _index.DocumentFrequency[i];
            double idf = df > 0 ? Math.Log(pairs / df) : 0;
            _itemFactor[i] = Options.IdfWeighting == 0 ? 1f : (float)Math.Pow(idf, Options.IdfWeighting);
        }

        _counts = PopularityRanking.Count(n, sessions);
        _ranking = PopularityRanking.Order(_counts);
    }

    public string Name => TypeName;

    public ItemVocabulary Vocabulary { get; }

    public VmisknnOptions Options { get; }

    /// <summary>The training sessions as given (kept so the model can be saved and rebuilt).</summary>
    public IReadOnlyList<int[]> Sessions { get; }

    public int Recommend(ReadOnlySpan<int> session, ReadOnlySpan<int> exclude, Span<ScoredItem> destination)
    {
        if (destination.IsEmpty)
        {
            return 0;
        }

        if (!_scratch.TryTake(out var scratch))
        {
            scratch = new VmisknnScratch(Vocabulary.Count, Options);
        }

        try
        {
            if (Options.MaxSessionItems > 0 && session.Length > Options.MaxSessionItems)
            {
                session = session[^Options.MaxSessionItems..];
            }

            scratch.Begin(session.Length);
            int current = VectorizeCurrent(session, scratch);
            int candidates = FindCandidates(current, scratch);
            int neighbors = KeepNearest(candidates, scratch);
            int scored = ScoreItems(neighbors, scratch);
            int count = scratch.Common.RankTouched(scored, exclude, [], destination);
            return count < destination.Length
                ? PopularityRanking.Fill(_ranking, _counts, exclude, destination, count, fixedScore: 0f)
                : count;
        }
        finally
        {
            _scratch.Add(scratch);
        }
    }

    /// <summary>Distinct items with summed position weights and the distance of their newest click; returns their count.</summary>
    private int VectorizeCurrent(ReadOnlySpan<int> session, VmisknnScratch scratch)
    {
        var common = scratch.Common;
        int n = Vocabulary.Count;
        int g = common.Generation;
        int count = 0;
        float length = session.Length;
        for (int p = session.Length - 1; p >= 0; p--)
        {
            int item = session[p];
            if (item <= 0 || item > n)
            {
                continue;
            }

            float weight = (p + 1) / length;
            if (common.CurrentStamp[item] == g)
            {
                common.CurrentWeights[scratch.Slot[item]] += weight;
                continue;
            }

            common.CurrentStamp[item] = g;
            scratch.Slot[item] = count;
            common.CurrentItems[count] = item;
            common.CurrentWeights[count] = weight;
            scratch.Distance[count] = session.Length - p;
            count++;
        }

        return count;
    }

    /// <summary>
    /// Merges the current items' posting lists from their most recent ends until m sessions are found; a session
    /// heading several lists at once shares all those items. Candidates come out most recent first.
    /// </summary>
    private int FindCandidates(int current, VmisknnScratch scratch)
    {
        var common = scratch.Common;
        var cursors = common.Cursors.AsSpan(0, current);
        var matched = common.Matched.AsSpan(0, current);
        var items = common.CurrentItems.AsSpan(0, current);
        var weights = common.CurrentWeights.AsSpan(0, current);
        var distances = scratch.Distance.AsSpan(0, current);
        _index.StartCursors(items, cursors);
        int found = 0;
        while (found < Options.SampleSize)
        {
            int newest = _index.NextNewest(items, cursors, matched);
            if (newest < 0)
            {
                break;
            }

            float similarity = 0;
            int distance = int.MaxValue;
            for (int j = 0; j < current; j++)
            {
                if (matched[j])
                {
                    similarity += weights[j];
                    distance = Math.Min(distance, distances[j]);
                }
            }

            scratch.CandidateSessions[found] = newest;
            scratch.CandidateSimilarity[found] = similarity;
            scratch.CandidateDistance[found] = distance;
            found++;
        }

        return found;
    }

    /// <summary>Top-k candidates by similarity into the neighbour heap; Index is the candidate slot (lower = more recent).</summary>
    private static int KeepNearest(int candidates, VmisknnScratch scratch)
    {
        var heap = scratch.Common.Neighbors.AsSpan();
        int kept = 0;
        for (int c = 0; c < candidates; c++)
        {
            TopK.Offer(heap, ref kept, new ScoredItem(c, scratch.CandidateSimilarity[c]));
        }

        return kept;
    }

    private int ScoreItems(int neighbors, VmisknnScratch scratch)
    {
        var common = scratch.Common;
        int g = common.Generation;
        int touched = 0;
        for (int k = 0; k < neighbors; k++)
        {
            int c = common.Neighbors[k].Index;
            float vote = scratch.CandidateSimilarity[c] * Options.MatchWeight(scratch.CandidateDistance[c]);
            if (vote <= 0)
            {
                continue;
            }

            foreach (int item in _index.ItemsOf(scratch.CandidateSessions[c]))
            {
                if (common.ScoreStamp[item] != g)
                {
                    common.ScoreStamp[item] = g;
                    common.Scores[item] = 0;
                    common.Touched[touched++] = item;
                }

                common.Scores[item] += vote * _itemFactor[item];
            }
        }

        return touched;
    }
}
