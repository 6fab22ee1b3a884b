using SessionRec.Training.Evaluation;

namespace SessionRec.Training.Tests.Evaluation;

public class ProtocolTests
{
    [Fact]
    public void Leave_one_out_holds_out_the_last_two_items_per_user()
    {
        int[][] users = [[1, 2, 3, 4], [5, 6, 7], [8, 9]];

        var split = LeaveOneOutSplit.Create(users);

        // Users with fewer than three items only train.
        Assert.Equal([[1, 2], [5], [8, 9]], split.Train);
        Assert.Equal([new PredictionCase(0, 2), new PredictionCase(1, 1)], split.Validation.Cases);
        Assert.Equal([new PredictionCase(0, 3), new PredictionCase(1, 2)], split.Test.Cases);
        Assert.Equal([1, 2], split.Validation.History(split.Validation.Cases[0]).ToArray());
        Assert.Equal(3, split.Validation.Target(split.Validation.Cases[0]));
        Assert.Equal([1, 2, 3], split.Test.History(split.Test.Cases[0]).ToArray());
        Assert.Equal(4, split.Test.Target(split.Test.Cases[0]));
        Assert.Equal(7, split.Test.Target(split.Test.Cases[1]));
        Assert.Equal(EvaluationProtocol.LeaveOneOut, split.Test.Protocol);
    }

    [Fact]
    public void Next_item_predicts_every_click_after_the_first_of_each_session()
    {
        int[][] sessions = [[1, 2, 1], [3], [4, 5]];

        var set = NextItemProtocol.Create(sessions);

        Assert.Equal([new PredictionCase(0, 1), new PredictionCase(0, 2), new PredictionCase(2, 1)], set.Cases);
        Assert.Equal([2, 1, 5], set.Cases.Select(set.Target));
        Assert.Equal([1, 2], set.History(set.Cases[1]).ToArray());
        Assert.Equal(EvaluationProtocol.NextItem, set.Protocol);
    }

    [Fact]
    public void Exclude_seen_defaults_follow_the_protocols()
    {
        Assert.True(EvaluationProtocol.LeaveOneOut.DefaultExcludeSeen());
        Assert.False(EvaluationProtocol.NextItem.DefaultExcludeSeen());
    }
}
