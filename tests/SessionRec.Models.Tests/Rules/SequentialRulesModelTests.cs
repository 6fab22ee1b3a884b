using SessionRec.Core.Ranking;
using SessionRec.Models.Rules;
using SessionRec.Models.Tests.Support;

namespace SessionRec.Models.Tests.Rules;

/// <summary>
/// The hand-worked example. Training sessions: S0 = [1, 2, 3], S1 = [1, 3, 1], S2 = [2, 4].
/// Rules with weight 1 / distance (steps 10): from S0 1→2 1, 1→3 ½, 2→3 1; from S1 1→3 1, 3→1 1 (1→1 is a repeat and
/// not kept); from S2 2→4 1. Per source, normalized: 1 → {3: 1.5/2.5 = 0.6, 2: 0.4}; 2 → {3: 0.5, 4: 0.5}; 3 → {1: 1}.
/// </summary>
public class SequentialRulesModelTests
{
    private static readonly int[][] Sessions = [[1, 2, 3], [1, 3, 1], [2, 4]];

    private static SequentialRulesModel Model(SequentialRulesOptions? options = null) =>
        new(Vocabularies.OfSize(5), Sessions, options ?? new SequentialRulesOptions { HistoryDecay = 0 });

    private static ScoredItem[] Recommend(SequentialRulesModel model, int[] session, int[] exclude, int k)
    {
        var top = new ScoredItem[k];
        int n = model.Recommend(session, exclude, top);
        return top[..n];
    }

    [Fact]
    public void The_newest_click_s_rules_rank_its_followers_and_popularity_fills_the_rest()
    {
        var top = Recommend(Model(), [1], exclude: [], k: 5);

        // Rules of 1: 3 (0.6), 2 (0.4); then popularity with score 0: 1 (3 clicks), 4 (1 click), 5 (none).
        Assert.Equal([3, 2, 1, 4, 5], top.Select(t => t.Index));
        Assert.Equal(0.6f, top[0].Score, 1e-5f);
        Assert.Equal(0.4f, top[1].Score, 1e-5f);
        Assert.Equal(0f, top[2].Score);
        Assert.Equal(5, Model().RuleCount); // 1→2, 1→3, 2→3, 2→4, 3→1
    }

    [Fact]
    public void Older_clicks_add_their_rules_with_the_history_decay()
    {
        // Session [1, 2]: newest 2 → {3: 0.5, 4: 0.5} at weight 1; 1 → {3: 0.6, 2: 0.4} at weight 0.5.
        var top = Recommend(Model(new SequentialRulesOptions { HistoryDecay = 0.5f }), [1, 2], exclude: [1, 2], k: 2);

        Assert.Equal([3, 4], top.Select(t => t.Index));
        Assert.Equal(0.5f + (0.5f * 0.6f), top[0].Score, 1e-5f);
        Assert.Equal(0.5f, top[1].Score, 1e-5f);
    }

    [Fact]
    public void Steps_limit_how_far_apart_a_rule_s_clicks_may_be_and_pruning_keeps_the_heaviest()
    {
        var adjacent = Model(new SequentialRulesOptions { Steps = 1, HistoryDecay = 0 });
        var pruned = Model(new SequentialRulesOptions { MaxRulesPerItem = 1, HistoryDecay = 0 });

        // Steps 1: 1 → {2: 1, 3: 1} (S0's 1→3 is two apart), ties to the lower index.
        var top = Recommend(adjacent, [1], exclude: [], k: 2);
        Assert.Equal([2, 3], top.Select(t => t.Index));
        Assert.Equal(0.5f, top[0].Score, 1e-5f);
        // One rule per item: 1 → {3: 1}.
        var one = Recommend(pruned, [1], exclude: [], k: 1);
        Assert.Equal(3, one[0].Index);
        Assert.Equal(1f, one[0].Score, 1e-5f);
    }

    [Fact]
    public void Excluded_and_unknown_items_are_never_returned()
    {
        var top = Recommend(Model(), [0, 9, 1], exclude: [3], k: 5);

        Assert.DoesNotContain(3, top.Select(t => t.Index));
        Assert.Equal(2, top[0].Index);
        Assert.Equal(4, top.Length);
    }

    [Fact]
    public void Bad_options_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Model(new SequentialRulesOptions { Steps = 0 }));
        Assert.Throws<ArgumentException>(() => Model(new SequentialRulesOptions { HistoryDecay = 1 }));
        Assert.Throws<ArgumentException>(() => Model(new SequentialRulesOptions { MaxRulesPerItem = -1 }));
    }
}
