using SessionRec.Core.Items;
using SessionRec.Core.Ranking;
using SessionRec.Models.Evaluation;
using SessionRec.Models.Popularity;
using SessionRec.Models.Repeat;
using SessionRec.Models.Tests.Support;

namespace SessionRec.Models.Tests.Repeat;

public class RepeatAwareModelTests
{
    /// <summary>
    /// Base model always proposes 1 (0.5), 2 (0.3), 3 (0.2). Session [5, 7, 5], decay 0.5: repeat weights
    /// 5: 1 + 0.25 = 1.25, 7: 0.5, normalized 5/7 and 2/7. With w = 0.5:
    /// 5: 0.5·5/7 = 0.357, 1: 0.5·0.5 = 0.25, 2: 0.15, 7: 0.5·2/7 = 0.143, 3: 0.1.
    /// </summary>
    [Fact]
    public void Mixes_repeat_and_explore_probabilities_as_worked_by_hand()
    {
        var model = new RepeatAwareModel(new FixedModel(), new RepeatOptions { Weight = 0.5f, Decay = 0.5f });
        var top = new ScoredItem[5];

        int n = model.Recommend([5, 7, 5], [], top);

        Assert.Equal(5, n);
        Assert.Equal([5, 1, 2, 7, 3], top.Select(t => t.Index));
        float[] expected = [0.5f * 5 / 7, 0.25f, 0.15f, 0.5f * 2 / 7, 0.1f];
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(expected[i], top[i].Score, 1e-5f);
        }
    }

    [Fact]
    public void Excluded_session_items_leave_the_model_list_unchanged()
    {
        var model = new RepeatAwareModel(new FixedModel(), new RepeatOptions { Weight = 0.9f });
        var top = new ScoredItem[3];

        model.Recommend([5, 7, 5], [5, 7], top);

        Assert.Equal([1, 2, 3], top.Select(t => t.Index));
        Assert.Equal([0.5f, 0.3f, 0.2f], top.Select(t => t.Score));
    }

    [Fact]
    public void Tuning_on_a_log_of_repeat_clicks_finds_a_large_repeat_weight()
    {
        // Every next click repeats the last one, on items popularity ranks far outside the top 20.
        var set = NextItemProtocol.Create([.. Enumerable.Range(51, 10).Select(i => new[] { i, i, i })]);

        var trials = RepeatTuner.Tune(Popularity(), set, new RepeatOptions(), k: 20);

        Assert.Equal(1.0, trials[0].Mrr, 9);
        Assert.True(trials[0].Options.Weight > 0);
        Assert.Equal(0.0, trials.First(t => t.Options.Weight == 0).HitRate);
    }

    [Fact]
    public void Tuning_on_a_log_without_repeats_keeps_the_repeat_weight_small()
    {
        // The next click is always the most popular item, never one already in the session.
        var set = NextItemProtocol.Create([.. Enumerable.Range(51, 10).Select(i => new[] { i, 1 })]);

        var trials = RepeatTuner.Tune(Popularity(), set, new RepeatOptions(), k: 20);

        Assert.Equal(1.0, trials[0].Mrr, 9);
        Assert.True(trials[0].Options.Weight < 0.2f);
        Assert.All(trials.Where(t => t.Options.Weight >= 0.2f), t => Assert.Equal(0.5, t.Mrr, 9));
    }

    [Fact]
    public void Tuned_figures_are_what_the_wrapped_model_scores_in_evaluation()
    {
        var set = NextItemProtocol.Create([[51, 51, 2], [3, 52, 3, 52], [4, 1, 4]]);
        var model = Popularity();

        foreach (var trial in RepeatTuner.Tune(model, set, new RepeatOptions(), k: 20))
        {
            var result = Evaluator.Evaluate(new RepeatAwareModel(model, trial.Options), set, new EvaluationOptions { Ks = [20], ExcludeSeen = false, Threads = 1 });
            Assert.Equal(trial.Mrr, result.At(20).Mrr, 9);
            Assert.Equal(trial.HitRate, result.At(20).HitRate, 9);
        }
    }

    /// <summary>Item 1 clicked 100 times, 2..50 ten times each, 51..60 once.</summary>
    private static PopularityModel Popularity()
    {
        var counts = new long[61];
        counts[1] = 100;
        for (int i = 2; i <= 50; i++)
        {
            counts[i] = 10;
        }

        for (int i = 51; i <= 60; i++)
        {
            counts[i] = 1;
        }

        return new PopularityModel(Vocabularies.OfSize(60), counts);
    }

    private sealed class FixedModel : INextItemModel
    {
        private static readonly ScoredItem[] List = [new(1, 0.5f), new(2, 0.3f), new(3, 0.2f)];

        public string Name => "fixed";

        public ItemVocabulary Vocabulary { get; } = Vocabularies.OfSize(10);

        public int Recommend(ReadOnlySpan<int> session, ReadOnlySpan<int> exclude, Span<ScoredItem> destination)
        {
            int n = 0;
            foreach (var item in List)
            {
                if (n < destination.Length && !exclude.Contains(item.Index))
                {
                    destination[n++] = item;
                }
            }

            return n;
        }
    }
}
