using SessionRec.Core.Ranking;
using SessionRec.Models.Knn;
using SessionRec.Models.Tests.Support;

namespace SessionRec.Models.Tests.Knn;

/// <summary>
/// The hand-worked example. Training sessions, oldest first:
///   S0 = [1, 2, 3], S1 = [2, 4], S2 = [3, 4, 5], S3 = [6]
/// Session-item pairs P = 3 + 2 + 3 + 1 = 9; df: 1→1, 2→2, 3→2, 4→2, 5→1, 6→1, so idf = ln(9/1) or ln(9/2).
/// Current session [1, 3] (n = 2): item 1 at position 1 weighs 1/2 and is 2 clicks back; item 3 at position 2
/// weighs 2/2 = 1 and is the newest click (distance 1).
/// Candidates, most recent first: S2 (holds 3: sim 1, nearest shared click at distance 1) and S0 (holds 1 and 3:
/// sim 1.5, distance 1). Votes: sim × (1 − 0.1·1): S0 1.35, S2 0.9.
/// Scores: 1: 1.35·ln 9, 2: 1.35·ln 4.5, 3: (1.35 + 0.9)·ln 4.5, 4: 0.9·ln 4.5, 5: 0.9·ln 9.
///   = 2.9663, 2.0305, 3.3842, 1.3537, 1.9775 → order 3, 1, 2, 5, 4.
/// </summary>
public class VmisknnModelTests
{
    private static readonly int[][] Sessions = [[1, 2, 3], [2, 4], [3, 4, 5], [6]];

    /// <summary>Serenade's settings, whatever the shipped defaults are: whole session, decay 0.1, idf on.</summary>
    private static readonly VmisknnOptions Serenade = new() { Neighbors = 100, SampleSize = 500, MaxSessionItems = 0, MatchDecay = 0.1f, IdfWeighting = 1 };

    private static VmisknnModel Model(VmisknnOptions? options = null) => new(Vocabularies.OfSize(6), Sessions, options ?? Serenade);

    private static ScoredItem[] Recommend(VmisknnModel model, int[] session, int[] exclude, int k)
    {
        var top = new ScoredItem[k];
        int n = model.Recommend(session, exclude, top);
        return top[..n];
    }

    private static void AssertScores(float[] expected, ScoredItem[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i].Score, 1e-4f);
        }
    }

    [Fact]
    public void Scores_match_the_hand_worked_example()
    {
        var top = Recommend(Model(), [1, 3], exclude: [], k: 5);

        float ln9 = MathF.Log(9f), ln45 = MathF.Log(4.5f);
        Assert.Equal([3, 1, 2, 5, 4], top.Select(t => t.Index));
        AssertScores([2.25f * ln45, 1.35f * ln9, 1.35f * ln45, 0.9f * ln9, 0.9f * ln45], top);
    }

    [Fact]
    public void Only_the_k_most_similar_neighbours_vote_and_popularity_fills_the_rest()
    {
        var top = Recommend(Model(Serenade with { Neighbors = 1 }), [1, 3], exclude: [], k: 6);

        // Only S0 (sim 1.5) votes: 1 → 1.35·ln 9, then 2 and 3 tie at 1.35·ln 4.5 (lower index first); 4, 5, 6
        // follow in training popularity (4 has two clicks) with score 0.
        Assert.Equal([1, 2, 3, 4, 5, 6], top.Select(t => t.Index));
        Assert.Equal(0f, top[3].Score);
    }

    [Fact]
    public void A_neighbour_matching_only_older_clicks_votes_less()
    {
        // Current [3, 6]: 6 is newest (weight 1, distance 1), 3 weighs 1/2 at distance 2.
        // S3 = [6]: vote 1 × 0.9; S2 and S0 share only 3: vote 0.5 × 0.8 = 0.4 each.
        var top = Recommend(Model(Serenade with { IdfWeighting = 0 }), [3, 6], exclude: [3, 6], k: 4);

        // Without idf: 4 and 5 (S2) 0.4, 1 and 2 (S0) 0.4; all tie, lower index first.
        Assert.Equal([1, 2, 4, 5], top.Select(t => t.Index));
        AssertScores([0.4f, 0.4f, 0.4f, 0.4f], top);
        var withSix = Recommend(Model(Serenade with { IdfWeighting = 0 }), [3, 6], exclude: [], k: 1);
        Assert.Equal(6, withSix[0].Index);
        Assert.Equal(0.9f, withSix[0].Score, 1e-5f);
    }

    [Fact]
    public void Candidates_are_the_m_most_recent_sessions_sharing_an_item()
    {
        // m = 1: only S2, the most recent session holding 3, is a candidate.
        var top = Recommend(Model(Serenade with { SampleSize = 1, IdfWeighting = 0 }), [1, 3], exclude: [1, 3], k: 2);

        Assert.Equal([4, 5], top.Select(t => t.Index));
    }

    [Fact]
    public void Only_the_newest_clicks_are_matched_when_the_session_is_capped()
    {
        // max 1 item: [1, 3] matches as [3] alone (weight 1, distance 1): S2 and S0 each vote 0.9.
        var top = Recommend(Model(Serenade with { MaxSessionItems = 1, IdfWeighting = 0 }), [1, 3], exclude: [1, 3], k: 4);

        Assert.Equal([2, 4, 5, 6], top.Select(t => t.Index));
        AssertScores([0.9f, 0.9f, 0.9f, 0f], top);
    }
}
