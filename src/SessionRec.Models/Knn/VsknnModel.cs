using System.Collections.Concurrent;
using SessionRec.Core.Items;
using SessionRec.Core.Ranking;
using SessionRec.Models.Popularity;

namespace SessionRec.Models.Knn;

/// <summary>
/// V-SKNN, vector multiplication session-kNN (Ludewig &amp; Jannach 2018, as rn5l/session-rec <c>vsknn</c>), built in
/// memory from a list of sessions; nothing is trained. For a session:
/// <list type="number">
/// <item>The current session is a vector over its distinct items, the weight of an item being
/// <see cref="VsknnOptions.PositionWeight"/> of its most recent position (newest 1, linear decay, floored).</item>
/// <item>Candidates: the <see cref="VsknnOptions.SampleSize"/> most recent training sessions (later in the list = more
/// recent) sharing at least one item with it, from an item → sessions inverted index.</item>
/// <item>Similarity of a candidate: dot product of the current vector with the candidate's binary item vector
/// (optionally divided by √|candidate|); the <see cref="VsknnOptions.Neighbors"/> most similar are kept, ties to the
/// more recent.</item>
/// <item>Score of an item: the sum of the similarities of the neighbours holding it, times
/// 1 + idf_weighting·ln(S / df(item)).</item>
/// </list>
/// Items are ranked by score (ties: lower index). When fewer scored items than requested remain, the list is filled
/// in training popularity order with score 0, so the contract "fill the destination unless the catalog runs out" holds
/// and full-ranking metrics see a complete list. Deterministic, and safe for concurrent calls (pooled scratch buffers).
/// </summary>
public sealed class VsknnModel : IMaskedNextItemModel
{
    public const string TypeName = "vsknn";

    private readonly SessionItemIndex _index;
    private readonly float[] _itemFactor;
    private readonly long[] _counts;
    private readonly int[] _ranking;
    private readonly ConcurrentBag<VsknnScratch> _scratch = [];

    /// <param name="sessions">Training sessions as dense indices, oldest click first, oldest session first.</param>
    public VsknnModel(ItemVocabulary vocabulary, IReadOnlyList<int[]> sessions, VsknnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(sessions);
        Options = options ?? new VsknnOptions();
        Options.Validate();
        Vocabulary = vocabulary;
        Sessions = sessions;
        int n = vocabulary.Count;
        _index = new SessionItemIndex(n, sessions);
        _itemFactor = new float[n + 1];
        for (int i = 1; i <= n; i++)
        {
            int df = _index.DocumentFrequency[i];
            double idf = df > 0 ? Math.Log((double)sessions.Count / df) : 0;
            _itemFactor[i] = (float)(1 + (Options.IdfWeighting * idf));
        }

        _counts = PopularityRanking.Count(n, sessions);
        _ranking = PopularityRanking.Order(_counts);
    }

    public string Name => TypeName;

    public ItemVocabulary Vocabulary { get; }

    public VsknnOptions Options { get; }

    /// <summary>The training sessions as given (kept so the model can be saved and rebuilt).</summary>
    public IReadOnlyList<int[]> Sessions { get; }

    public bool SupportsMask => true;

    public int Recommend(ReadOnlySpan<int> session, ReadOnlySpan<int> exclude, Span<ScoredItem> destination) =>
        Recommend(session, exclude, default, destination);

    /// <summary>Neighbours are found over all sessions; only the items they vote for (and the popularity fill) are masked.</summary>
    public int Recommend(ReadOnlySpan<int> session, ReadOnlySpan<int> exclude, ItemMask mask, Span<ScoredItem> destination)
    {
        if (destination.IsEmpty)
        {
            return 0;
        }

        if (!_scratch.TryTake(out var scratch))
        {
            scratch = new VsknnScratch(Vocabulary.Count, Options.Neighbors);
        }

        try
        {
            scratch.Begin(session.Length);
            int current = VectorizeCurrent(session, scratch);
            int neighbors = FindNeighbors(current, scratch);
            int scored = ScoreItems(neighbors, scratch);
            int count = scratch.RankTouched(scored, exclude, _itemFactor, mask, destination);
            return count < destination.Length
                ? PopularityRanking.Fill(_ranking, _counts, exclude, mask, destination, count, fixedScore: 0f)
                : count;
        }
        finally
        {
            _scratch.Add(scratch);
        }
    }

    /// <summary>Distinct items of the session with the weight of their most recent position; returns their count.</summary>
    private int VectorizeCurrent(ReadOnlySpan<int> session, VsknnScratch scratch)
    {
        int n = Vocabulary.Count;
        int g = scratch.Generation;
        int count = 0;
        for (int p = session.Length - 1; p >= 0; p--)
        {
            int item = session[p];
            if (item <= 0 || item > n || scratch.CurrentStamp[item] == g)
            {
                continue;
            }

            scratch.CurrentStamp[item] = g;
            scratch.CurrentItems[count] = item;
            scratch.CurrentWeights[count] = Options.PositionWeight(session.Length - 1 - p);
            count++;
        }

        return count;
    }

    /// <summary>
    /// Merges the current items' posting lists from their most recent ends. A session holding several current items
    /// heads several lists at once, so its dot product is the sum of those items' weights, with no look at its items.
    /// Returns the number of neighbours kept in <see cref="VsknnScratch.Neighbors"/> (Index = S − 1 − session, so the
    /// heap's lower-index tie-break prefers the more recent session).
    /// </summary>
    private int FindNeighbors(int current, VsknnScratch scratch)
    {
        var cursors = scratch.Cursors.AsSpan(0, current);
        var matched = scratch.Matched.AsSpan(0, current);
        var items = scratch.CurrentItems.AsSpan(0, current);
        var weights = scratch.CurrentWeights.AsSpan(0, current);
        _index.StartCursors(items, cursors);
        int sampleLimit = Options.SampleSize == 0 ? int.MaxValue : Options.SampleSize;
        int lastSession = _index.SessionCount - 1;
        var heap = scratch.Neighbors.AsSpan();
        int kept = 0;
        for (int sampled = 0; sampled < sampleLimit; sampled++)
        {
            int newest = _index.NextNewest(items, cursors, matched);
            if (newest < 0)
            {
                break;
            }

            float similarity = 0;
            for (int j = 0; j < current; j++)
            {
                if (matched[j])
                {
                    similarity += weights[j];
                }
            }

            if (Options.Normalize)
            {
                similarity /= MathF.Sqrt(_index.DistinctItems(newest));
            }

            if (similarity > 0)
            {
                TopK.Offer(heap, ref kept, new ScoredItem(lastSession - newest, similarity));
            }
        }

        return kept;
    }

    /// <summary>Sums neighbour similarities per item into the dense score array; returns how many items were touched.</summary>
    private int ScoreItems(int neighbors, VsknnScratch scratch)
    {
        int g = scratch.Generation;
        int touched = 0;
        int lastSession = _index.SessionCount - 1;
        for (int k = 0; k < neighbors; k++)
        {
            var neighbor = scratch.Neighbors[k];
            foreach (int item in _index.ItemsOf(lastSession - neighbor.Index))
            {
                if (scratch.ScoreStamp[item] != g)
                {
                    scratch.ScoreStamp[item] = g;
                    scratch.Scores[item] = 0;
                    scratch.Touched[touched++] = item;
                }

                scratch.Scores[item] += neighbor.Score;
            }
        }

        return touched;
    }
}
