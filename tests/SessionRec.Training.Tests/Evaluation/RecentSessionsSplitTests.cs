using SessionRec.Training.Evaluation;

namespace SessionRec.Training.Tests.Evaluation;

public class RecentSessionsSplitTests
{
    [Fact]
    public void Holds_out_the_latest_sessions_with_their_repeats_kept()
    {
        int[][] sessions = [[1, 2], [2, 3], [3, 3, 4], [4, 5], [5, 5, 5], [6, 1], [1, 1], [2, 4], [3, 1], [4, 4, 2]];

        var split = RecentSessionsSplit.Create(sessions, 0.2);

        Assert.Equal(sessions[..8], split.Train);
        Assert.Equal(sessions[8..], split.Validation.Sequences);
        // [3, 1] gives one prediction, [4, 4, 2] two: the consecutive repeat 4 → 4 is a target like any other.
        Assert.Equal(3, split.Validation.Cases.Count);
        Assert.Equal(4, split.Validation.Target(split.Validation.Cases[1]));
    }

    [Fact]
    public void Keeps_at_least_one_session_on_each_side()
    {
        var split = RecentSessionsSplit.Create([[1, 2], [2, 3]], 0.01);

        Assert.Single(split.Train);
        Assert.Single(split.Validation.Sequences);
    }
}
