using SessionRec.Models.Knn;
using SessionRec.Models.Tests.Support;
using SessionRec.Training.Evaluation;

namespace SessionRec.Training.Tests.Evaluation;

public class EvaluatorTests
{
    [Fact]
    public void Ranking_metrics_follow_their_definitions()
    {
        Assert.Equal(1.0, RankingMetrics.HitRate(0, 1));
        Assert.Equal(0.0, RankingMetrics.HitRate(1, 1));
        Assert.Equal(0.0, RankingMetrics.HitRate(-1, 10));
        Assert.Equal(1.0, RankingMetrics.Ndcg(0, 10));
        Assert.Equal(0.5, RankingMetrics.Ndcg(2, 10), 12); // 1 / log2(4)
        Assert.Equal(1 / Math.Log2(11), RankingMetrics.Ndcg(9, 10), 12);
        Assert.Equal(0.0, RankingMetrics.Ndcg(10, 10));
        Assert.Equal(0.25, RankingMetrics.ReciprocalRank(3, 10), 12);
        Assert.Equal(0.0, RankingMetrics.ReciprocalRank(3, 3));
    }

    [Fact]
    public void Leave_one_out_figures_match_a_hand_computation()
    {
        // Catalog 1..5, the model always ranks 5,4,3,2,1.
        // User 0 [1,2,3]: history [1,2], target 3; excluding seen the list is 5,4,3: rank 2.
        // User 1 [2,4,1,5]: history [2,4,1], target 5; the list is 5,3: rank 0.
        var model = new FixedOrderModel(Vocabularies.OfSize(5), [5, 4, 3, 2, 1]);
        var set = LeaveOneOutSplit.Create([[1, 2, 3], [2, 4, 1, 5]]).Test;

        var result = Evaluator.Evaluate(model, set, new EvaluationOptions { Ks = [3, 1] });

        Assert.Equal(2, result.Predictions);
        Assert.True(result.ExcludeSeen);
        Assert.Equal([1, 3], result.Metrics.Select(m => m.K));
        var at1 = result.At(1);
        Assert.Equal(0.5, at1.HitRate, 12);
        Assert.Equal(0.5, at1.Ndcg, 12);
        Assert.Equal(0.5, at1.Mrr, 12);
        Assert.Equal(1 / 5.0, at1.Coverage, 12); // only item 5 is ever first
        var at3 = result.At(3);
        Assert.Equal(1.0, at3.HitRate, 12);
        Assert.Equal((0.5 + 1.0) / 2, at3.Ndcg, 12); // (1/log2(4) + 1/log2(2)) / 2
        Assert.Equal(((1 / 3.0) + 1.0) / 2, at3.Mrr, 12);
        Assert.Equal(3 / 5.0, at3.Coverage, 12); // {5,4,3} ∪ {5,3}
    }

    [Fact]
    public void An_empty_set_gives_zero_predictions_and_zero_figures()
    {
        // Sessions of one click give no next-click case.
        var model = new FixedOrderModel(Vocabularies.OfSize(5), [5, 4, 3, 2, 1]);
        var set = NextItemProtocol.Create([[1], [2]]);

        var result = Evaluator.Evaluate(model, set, new EvaluationOptions { Ks = [1, 10] });

        Assert.Empty(set.Cases);
        Assert.Equal(0, result.Predictions);
        Assert.All(result.Metrics, m => Assert.Equal((0.0, 0.0, 0.0, 0.0), (m.HitRate, m.Ndcg, m.Mrr, m.Coverage)));
    }

    [Fact]
    public void Keeping_seen_items_changes_the_rank_and_can_be_overridden()
    {
        // Session [5,4]: history [5], target 4. Kept: the list is 5,4 (rank 1); excluded: 4 first (rank 0).
        var model = new FixedOrderModel(Vocabularies.OfSize(5), [5, 4, 3, 2, 1]);
        var set = NextItemProtocol.Create([[5, 4]]);

        var kept = Evaluator.Evaluate(model, set, new EvaluationOptions { Ks = [1, 2] });
        var excluded = Evaluator.Evaluate(model, set, new EvaluationOptions { Ks = [1, 2], ExcludeSeen = true });

        Assert.False(kept.ExcludeSeen);
        Assert.Equal(0.0, kept.At(1).HitRate);
        Assert.Equal(0.5, kept.At(2).Mrr, 12);
        Assert.True(excluded.ExcludeSeen);
        Assert.Equal(1.0, excluded.At(1).HitRate);
    }

    [Fact]
    public void Results_do_not_depend_on_the_thread_count_and_progress_counts_every_prediction()
    {
        var rng = new Random(3);
        var sessions = Enumerable.Range(0, 300)
            .Select(_ => Enumerable.Range(0, rng.Next(2, 9)).Select(_ => rng.Next(1, 41)).ToArray())
            .ToArray();
        var model = new VsknnModel(Vocabularies.OfSize(40), sessions[..200], new VsknnOptions { Neighbors = 10, SampleSize = 50 });
        var set = NextItemProtocol.Create(sessions[200..]);
        long reported = 0;

        var one = Evaluator.Evaluate(model, set, new EvaluationOptions { Threads = 1 });
        var two = Evaluator.Evaluate(model, set, new EvaluationOptions { Threads = 2 }, n => Interlocked.Add(ref reported, n));

        Assert.Equal(one.Metrics, two.Metrics);
        Assert.Equal(set.Cases.Count, reported);
        Assert.True(one.At(20).HitRate > 0);
    }

    [Fact]
    public void Json_has_one_entry_per_metric_and_cut_off()
    {
        var result = new EvaluationResult(EvaluationProtocol.NextItem, 7, false, [new MetricsAtK(20, 0.5, 0.25, 0.125, 0.0625)]);

        var json = EvaluationJson.ToJson(result);

        Assert.Equal("next-item", json["protocol"]!.GetValue<string>());
        Assert.Equal(7, json["predictions"]!.GetValue<int>());
        Assert.Null(json["users"]);
        Assert.Equal(0.5, json["hr@20"]!.GetValue<double>());
        Assert.Equal(0.25, json["ndcg@20"]!.GetValue<double>());
        Assert.Equal(0.125, json["mrr@20"]!.GetValue<double>());
        Assert.Equal(0.0625, json["coverage@20"]!.GetValue<double>());
    }
}
