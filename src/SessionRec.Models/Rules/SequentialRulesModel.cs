using System.Collections.Concurrent;
using SessionRec.Core.Items;
using SessionRec.Core.Ranking;
using SessionRec.Models.Knn;
using SessionRec.Models.Popularity;

namespace SessionRec.Models.Rules;

/// <summary>
/// Sequential rules (SR, Ludewig &amp; Jannach, "Evaluation of session-based recommendation algorithms", 2018): for
/// every training session and every pair of clicks a … b at most <see cref="SequentialRulesOptions.Steps"/> apart,
/// the rule a → b gains 1 / (their distance). A session is scored from the rules of its newest clicks, each item's
/// rules normalized to sum 1 and weighted by <see cref="SequentialRulesOptions.HistoryDecay"/>^d. Rules a → a are
/// not kept: returning to a clicked item is <see cref="Repeat.RepeatAwareModel"/>'s part. Where session-kNN votes with
/// whole similar sessions, SR looks only at what followed the newest items, which ranks the next new item higher
/// (on yoochoose-100k) and makes it a useful part of a hybrid. Short lists are filled in popularity order, score 0.
/// Deterministic, safe for concurrent calls, allocation-free once warm (pooled scratch).
/// </summary>
public sealed class SequentialRulesModel : INextItemModel
{
    public const string TypeName = "sr";

    // Rules in CSR form: item a's targets are _targets[_start[a].._start[a + 1]], heaviest first, weights summing to 1.
    private readonly int[] _start;
    private readonly int[] _targets;
    private readonly float[] _weights;
    private readonly long[] _counts;
    private readonly int[] _ranking;
    private readonly ConcurrentBag<VsknnScratch> _scratch = [];

    /// <param name="sessions">Training sessions as dense indices, oldest click first.</param>
    public SequentialRulesModel(ItemVocabulary vocabulary, IReadOnlyList<int[]> sessions, SequentialRulesOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(sessions);
        Options = options ?? new SequentialRulesOptions();
        Options.Validate();
        Vocabulary = vocabulary;
        Sessions = sessions;
        int n = vocabulary.Count;
        (_start, _targets, _weights) = BuildRules(n, sessions, Options);
        _counts = PopularityRanking.Count(n, sessions);
        _ranking = PopularityRanking.Order(_counts);
    }

    public string Name => TypeName;

    public ItemVocabulary Vocabulary { get; }

    public SequentialRulesOptions Options { get; }

    /// <summary>The training sessions as given (the model's files; the rules are rebuilt from them on load).</summary>
    public IReadOnlyList<int[]> Sessions { get; }

    /// <summary>Rules kept over all items.</summary>
    public int RuleCount => _targets.Length;

    public int Recommend(ReadOnlySpan<int> session, ReadOnlySpan<int> exclude, Span<ScoredItem> destination)
    {
        if (destination.IsEmpty)
        {
            return 0;
        }

        if (!_scratch.TryTake(out var scratch))
        {
            scratch = new VsknnScratch(Vocabulary.Count, neighbors: 1);
        }

        try
        {
            scratch.Begin(0);
            int touched = Score(session, scratch);
            int count = scratch.RankTouched(touched, exclude, [], destination);
            return count < destination.Length
                ? PopularityRanking.Fill(_ranking, _counts, exclude, destination, count, fixedScore: 0f)
                : count;
        }
        finally
        {
            _scratch.Add(scratch);
        }
    }

    private int Score(ReadOnlySpan<int> session, VsknnScratch scratch)
    {
        int n = Vocabulary.Count;
        int g = scratch.Generation;
        int touched = 0;
        float factor = 1f;
        for (int p = session.Length - 1; p >= 0 && factor >= 1e-3f; p--, factor *= Options.HistoryDecay)
        {
            int source = session[p];
            if (source <= 0 || source > n)
            {
                continue;
            }

            for (int r = _start[source]; r < _start[source + 1]; r++)
            {
                int item = _targets[r];
                if (scratch.ScoreStamp[item] != g)
                {
                    scratch.ScoreStamp[item] = g;
                    scratch.Scores[item] = 0;
                    scratch.Touched[touched++] = item;
                }

                scratch.Scores[item] += factor * _weights[r];
            }
        }

        return touched;
    }

    private static (int[] Start, int[] Targets, float[] Weights) BuildRules(int n, IReadOnlyList<int[]> sessions, SequentialRulesOptions options)
    {
        var rules = new Dictionary<int, double>[n + 1];
        foreach (var s in sessions)
        {
            for (int j = 1; j < s.Length; j++)
            {
                int target = s[j];
                if (target <= 0 || target > n)
                {
                    continue;
                }

                for (int d = 1; d <= options.Steps && j - d >= 0; d++)
                {
                    int source = s[j - d];
                    if (source <= 0 || source > n || source == target)
                    {
                        continue;
                    }

                    var row = rules[source] ??= [];
                    row[target] = row.GetValueOrDefault(target) + (1.0 / d);
                }
            }
        }

        var start = new int[n + 2];
        var targets = new List<int>();
        var weights = new List<float>();
        for (int a = 1; a <= n; a++)
        {
            start[a] = targets.Count;
            if (rules[a] is not { } row)
            {
                continue;
            }

            // Heaviest first, ties to the lower index, so pruning and scores are deterministic.
            var kept = row.OrderByDescending(r => r.Value).ThenBy(r => r.Key).ToList();
            if (options.MaxRulesPerItem > 0 && kept.Count > options.MaxRulesPerItem)
            {
                kept.RemoveRange(options.MaxRulesPerItem, kept.Count - options.MaxRulesPerItem);
            }

            double total = kept.Sum(r => r.Value);
            foreach (var (target, weight) in kept)
            {
                targets.Add(target);
                weights.Add((float)(weight / total));
            }
        }

        start[n + 1] = targets.Count;
        start[0] = 0;
        return (start, [.. targets], [.. weights]);
    }
}
