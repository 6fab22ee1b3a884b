using SessionRec.Models.Data;
using SessionRec.Models.Knn;
using SessionRec.Models.Popularity;
using SessionRec.Models.Tests.Support;
using SessionRec.Training.Evaluation;

namespace SessionRec.Training.Tests.SharedData;

/// <summary>Checks against the benchmark files in ../shared/data; skipped where they are absent.</summary>
public class SharedDataTests
{
    [Fact]
    public void Amazon_beauty_has_the_published_size()
    {
        var data = SequenceFileReader.Read(SharedDataFiles.Require("amazon-beauty.txt"));

        Assert.Equal(22363, data.Sequences.Count);
        Assert.Equal(12101, data.Vocabulary.Count);
        Assert.Equal(198502, data.Interactions);
        Assert.All(data.Sequences, s => Assert.True(s.Length >= 5));
    }

    [Fact]
    public void Yoochoose_sample_has_the_published_sizes_and_test_items_map_through_training()
    {
        var train = ClickLogReader.Read(SharedDataFiles.Require("yoochoose-100k/train_full.txt"));
        var test = ClickLogReader.Read(SharedDataFiles.Require("yoochoose-100k/test.txt"), train.Vocabulary);

        Assert.Equal(17794, train.Sequences.Count);
        Assert.Equal(70278, train.Interactions);
        Assert.True(test.Sequences.Count is > 3000 and <= 3416);
        Assert.Equal(13568, test.Interactions + test.DroppedUnknownItems);
    }

    [Fact]
    public void Baselines_on_amazon_beauty_leave_one_out_land_in_the_published_range()
    {
        var data = SequenceFileReader.Read(SharedDataFiles.Require("amazon-beauty.txt"));
        var split = LeaveOneOutSplit.Create(data.Sequences);
        var options = new EvaluationOptions { Ks = [10] };

        var popularity = Evaluator.Evaluate(PopularityModel.Fit(data.Vocabulary, split.Train), split.Test, options).At(10);
        var vsknn = Evaluator.Evaluate(new VsknnModel(data.Vocabulary, split.Train), split.Test, options).At(10);

        Assert.InRange(popularity.HitRate, 0.005, 0.03);
        Assert.InRange(vsknn.HitRate, 0.04, 0.12);
        Assert.True(vsknn.Ndcg > 2 * popularity.Ndcg);
    }

    [Fact]
    public void Vsknn_beats_popularity_on_yoochoose_next_item()
    {
        var train = ClickLogReader.Read(SharedDataFiles.Require("yoochoose-100k/train_full.txt"));
        var test = ClickLogReader.Read(SharedDataFiles.Require("yoochoose-100k/test.txt"), train.Vocabulary);
        var set = NextItemProtocol.Create(test.Sequences);
        var options = new EvaluationOptions { Ks = [20] };

        var popularity = Evaluator.Evaluate(PopularityModel.Fit(train.Vocabulary, train.Sequences), set, options).At(20);
        var vsknn = Evaluator.Evaluate(new VsknnModel(train.Vocabulary, train.Sequences), set, options).At(20);

        Assert.InRange(vsknn.HitRate, 0.5, 0.9);
        Assert.InRange(vsknn.Mrr, 0.2, 0.6);
        Assert.True(vsknn.HitRate > 3 * popularity.HitRate);
    }
}
