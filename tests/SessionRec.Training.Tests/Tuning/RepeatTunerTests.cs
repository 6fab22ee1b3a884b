using SessionRec.Models.Popularity;
using SessionRec.Models.Repeat;
using SessionRec.Models.Tests.Support;
using SessionRec.Training.Evaluation;
using SessionRec.Training.Tuning;

namespace SessionRec.Training.Tests.Tuning;

public class RepeatTunerTests
{
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
}
