using SessionRec.Training.Evaluation;
using SessionRec.Training.Sasrec;
using SessionRec.Training.Tests.Sasrec;
using SessionRec.Training.Tuning;

namespace SessionRec.Training.Tests.Tuning;

public class SasrecSearchTests
{
    private static readonly SasrecTrainingOptions Small = new()
    {
        Dim = 16, Blocks = 1, Heads = 1, MaxLen = 10, Dropout = 0.1f, LearningRate = 5e-3f, BatchSize = 32, Seed = 7, Threads = 1,
        EvaluateEvery = 1,
    };

    private static readonly SasrecSearchSpace Tiny = new()
    {
        Dims = [8, 16], Blocks = [1], Heads = [1], Dropouts = [0.1f], AttentionDropouts = [0f], LearningRates = [5e-3f],
        Losses = [SasrecLoss.CrossEntropy], FilterAlphas = [0f, 0.9f], WeightDecays = [0f], MinTrialSeconds = 0.01,
        MaxSettings = 4,
    };

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(4, 3)]
    [InlineData(5, 4)]
    [InlineData(8, 4)]
    [InlineData(16, 5)]
    public void Rounds_halve_the_settings_down_to_one(int settings, int rounds) =>
        Assert.Equal(rounds, SasrecSearch.Rounds(settings));

    [Theory]
    [InlineData(10, 0, 2)]      // too short for even two settings at the minimum: two anyway
    [InlineData(600, 0, 2)]     // 4 settings would get 600 / (3 rounds × 4) = 50 s < 60 s
    [InlineData(1920, 0, 8)]    // 1920 / (4 rounds × 8) = 60 s
    [InlineData(1920, 1, 4)]    // a reserved share: 1920 / (5 × 8) = 48 s, so 4 settings (1920 / (4 × 4) = 120 s)
    [InlineData(100_000, 0, 16)] // capped by MaxSettings
    public void The_first_round_tries_as_many_settings_as_give_each_trial_the_minimum_time(double budgetSeconds, int reserved, int expected) =>
        Assert.Equal(expected, SasrecSearch.FirstRoundSettings(budgetSeconds, SasrecSearchSpace.Default, reserved));

    [Fact]
    public void Sampling_starts_with_the_defaults_and_draws_distinct_grid_points_whose_heads_divide_the_dimension()
    {
        var space = SasrecSearchSpace.Default with { Dims = [30, 64], Heads = [1, 4] };
        var defaults = SasrecTrialSettings.Of(new SasrecTrainingOptions());

        var sample = space.Sample(12, defaults, new Random(1));

        Assert.Equal(12, sample.Count);
        Assert.Equal(defaults, sample[0]);
        Assert.Equal(sample.Count, sample.Distinct().Count());
        Assert.All(sample.Skip(1), s =>
        {
            Assert.Equal(0, s.Dim % s.Heads);
            Assert.Contains(s.Dim, space.Dims);
            Assert.Contains(s.LearningRate, space.LearningRates);
            Assert.Contains(s.Loss, space.Losses);
            Assert.Contains(s.FilterAlpha, space.FilterAlphas);
            Assert.Contains(s.WeightDecay, space.WeightDecays);
        });
        // 30 is not divisible by 4: three of the four (dim, heads) pairs remain.
        Assert.Equal(3 * 2 * 3 * 2 * 3 * 2 * 2 * 2, space.Size);
        var next = space.Sample(space.Size, defaults, new Random(2), sample.ToHashSet());
        // The defaults (d 64, 1 head, dropout 0.2, lr 1e-3, ce, no filter, no decay) are a grid point, so 864 − 12 remain,
        // none tried before.
        Assert.Equal(space.Size - sample.Count, next.Count);
        Assert.Empty(next.Intersect(sample));
    }

    [Fact]
    public void Trial_settings_apply_to_the_options_and_read_back()
    {
        var settings = new SasrecTrialSettings(32, 1, 2, 0.3f, 0.2f, 2e-3f, SasrecLoss.SampledSoftmax, 0.9f, 0.5f);

        var options = settings.ApplyTo(Small);

        Assert.Equal(settings, SasrecTrialSettings.Of(options));
        Assert.Equal(Small.BatchSize, options.BatchSize);
        Assert.Equal("--dim 32 --blocks 1 --heads 2 --dropout 0.3 --attention-dropout 0.2 --lr 0.002 --loss sampled --filter-alpha 0.9 --weight-decay 0.5",
            settings.ToString());
    }

    [Fact]
    public void The_winner_is_the_trial_with_the_best_validation_ndcg_and_later_rounds_retrain_only_the_better_half()
    {
        var data = SyntheticSequences.Successors(users: 150, items: 30, minLength: 4, maxLength: 10, seed: 3);
        var split = LeaveOneOutSplit.Create(data.Sequences);
        // Many epochs and a patience that never stops early, so trials tend to run into their time budget and
        // promoted settings are trained again in the next round.
        var defaults = Small with { Epochs = 400, Patience = 400 };

        var result = SasrecSearch.Run(split.Train, data.Vocabulary, split.Validation, defaults, TimeSpan.FromSeconds(4), seed: 1, Tiny);

        var trials = result.Trials;
        Assert.True(trials.Count >= 2, $"{trials.Count} trials");
        Assert.Equal(SasrecTrialSettings.Of(defaults), trials[0].Settings);
        Assert.Equal(trials.Max(t => t.Ndcg10), result.Winner.Ndcg10);
        Assert.Equal(result.Winner.Ndcg10, result.WinnerResult.BestValidation!.At(10).Ndcg);
        Assert.Equal(result.Winner.Settings, SasrecTrialSettings.Of(result.WinnerOptions));
        Assert.Equal(result.Winner.BudgetSeconds, result.WinnerOptions.TimeBudgetSeconds);
        Assert.All(trials, t => Assert.True(t.EpochsRun >= 1 && t.BudgetSeconds > 0));
        foreach (var later in trials.Where(t => t.Round > 0))
        {
            var before = trials.Where(t => t.Bracket == later.Bracket && t.Round == later.Round - 1).ToList();
            var same = Assert.Single(before, t => t.Settings == later.Settings);
            Assert.Equal(SasrecStopReason.TimeBudget, same.StopReason);
            Assert.Contains(same, before.OrderByDescending(t => t.Ndcg10).Take((before.Count + 1) / 2));
        }
    }

    [Fact]
    public void A_setting_that_stopped_early_is_not_trained_again()
    {
        var data = SyntheticSequences.Successors(users: 150, items: 30, minLength: 4, maxLength: 10, seed: 3);
        var split = LeaveOneOutSplit.Create(data.Sequences);
        // Two epochs end every trial long before a minute: more time could not change the (deterministic) result.
        var defaults = Small with { Epochs = 2 };

        var result = SasrecSearch.Run(split.Train, data.Vocabulary, split.Validation, defaults, TimeSpan.FromMinutes(1), seed: 1, Tiny);

        Assert.Equal(4, result.Trials.Count);
        Assert.All(result.Trials, t => Assert.Equal((0, 2, SasrecStopReason.Epochs), (t.Round, t.EpochsRun, t.StopReason)));
        Assert.Equal([0f, 0.9f], result.Trials.Select(t => t.Settings.FilterAlpha).Distinct().Order());
    }

    [Fact]
    public void Time_left_when_every_trial_stopped_early_goes_to_new_brackets_of_untried_settings()
    {
        var data = SyntheticSequences.Successors(users: 150, items: 30, minLength: 4, maxLength: 10, seed: 3);
        var split = LeaveOneOutSplit.Create(data.Sequences);
        var space = Tiny with { Dropouts = [0.1f, 0.2f], MaxSettings = 2 };

        var result = SasrecSearch.Run(split.Train, data.Vocabulary, split.Validation, Small with { Epochs = 2 }, TimeSpan.FromMinutes(1), seed: 1, space);

        // Brackets of two settings, each ended by its epochs in far less than a minute, until the 8-point grid is used up.
        Assert.Equal(8, result.Trials.Count);
        Assert.Equal(8, result.Trials.Select(t => t.Settings).Distinct().Count());
        Assert.Equal([0, 0, 1, 1, 2, 2, 3, 3], result.Trials.Select(t => t.Bracket));
        Assert.Equal(result.Trials.Max(t => t.Ndcg10), result.Winner.Ndcg10);
    }
}
