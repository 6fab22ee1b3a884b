using SessionRec.Core.Ranking;
using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Popularity;
using SessionRec.Models.Tests.Support;
using SessionRec.Tensors;
using SessionRec.Training.Evaluation;
using SessionRec.Training.Sasrec;

namespace SessionRec.Training.Tests.Sasrec;

public class SasrecTrainerTests
{
    private static readonly SasrecTrainingOptions Small = new()
    {
        Dim = 16, Blocks = 1, Heads = 2, MaxLen = 10, Dropout = 0.1f, LearningRate = 5e-3f, BatchSize = 32,
        Seed = 7, Threads = 2,
    };

    [Fact]
    public void Same_seed_and_threads_give_identical_weights()
    {
        var data = SyntheticSequences.Successors(users: 150, items: 40, minLength: 3, maxLength: 12, seed: 1);
        var options = Small with { Epochs = 2 };

        var first = SasrecTrainer.Train(data.Sequences, data.Vocabulary, validation: null, options);
        var second = SasrecTrainer.Train(data.Sequences, data.Vocabulary, validation: null, options);

        var a = SasrecWeightsFactory.Arrays(first.Weights).ToList();
        var b = SasrecWeightsFactory.Arrays(second.Weights).ToList();
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i], b[i]);
        }

        Assert.Equal(2, first.History.Count);
        Assert.True(first.Weights.ItemEmbedding.AsSpan(0, options.Dim).IndexOfAnyExcept(0f) < 0, "padding row must stay zero");
    }

    [Fact]
    public void The_weight_average_is_a_mean_of_the_first_steps_then_a_moving_average()
    {
        // Histories of one length and a batch larger than the data: an epoch is exactly one step.
        var data = SyntheticSequences.Successors(users: 30, items: 20, minLength: 6, maxLength: 6, seed: 4);
        var raw = Small with { BatchSize = 256 };
        const float decay = 0.3f;

        var steps = Enumerable.Range(1, 3)
            .Select(n => SasrecWeightsFactory.Arrays(
                SasrecTrainer.Train(data.Sequences, data.Vocabulary, validation: null, raw with { Epochs = n }).Weights).ToList())
            .ToList();
        var average = SasrecWeightsFactory.Arrays(SasrecTrainer.Train(
            data.Sequences, data.Vocabulary, validation: null, raw with { Epochs = 3, WeightAverageDecay = decay }).Weights).ToList();

        // Rates max(1 − decay, 1 / step): 1 (the initial weights never count), 0.7, 0.7.
        double largestStep = 0;
        for (int a = 0; a < average.Count; a++)
        {
            for (int i = 0; i < average[a].Length; i++)
            {
                float afterTwo = (decay * steps[0][a][i]) + ((1 - decay) * steps[1][a][i]);
                float expected = (decay * afterTwo) + ((1 - decay) * steps[2][a][i]);
                Assert.Equal(expected, average[a][i], 5);
                largestStep = Math.Max(largestStep, Math.Abs(steps[2][a][i] - steps[0][a][i]));
            }
        }

        Assert.True(largestStep > 1e-3, "the steps must move the weights for the check to mean anything");
    }

    [Fact]
    public void With_a_weight_average_the_validated_and_kept_weights_are_the_average()
    {
        var data = SyntheticSequences.Successors(users: 200, items: 40, minLength: 3, maxLength: 12, seed: 5);
        var split = LeaveOneOutSplit.Create(data.Sequences);
        var options = Small with { Epochs = 3, WeightAverageDecay = 0.9f };

        var trained = SasrecTrainer.Train(split.Train, data.Vocabulary, split.Validation, options);
        var plain = SasrecTrainer.Train(split.Train, data.Vocabulary, split.Validation, options with { WeightAverageDecay = 0f });

        var served = SasrecValidation.Evaluate(trained.Weights, data.Vocabulary, split.Validation, new EvaluationOptions());
        Assert.Equal(served.Metrics, trained.BestValidation!.Metrics);
        // The raw trajectory is untouched by averaging: the last epoch's raw weights validate as without it...
        Assert.Equal(plain.History.Count, trained.History.Count);
        Assert.Equal(plain.History.Select(h => h.Loss), trained.History.Select(h => h.Loss));
        // ...while what was validated differs.
        Assert.NotEqual(plain.History[^1].Validation!.Metrics, trained.History[^1].Validation!.Metrics);
    }

    [Theory]
    [InlineData(SasrecLoss.CrossEntropy, 0.5)]
    [InlineData(SasrecLoss.SampledSoftmax, 0.4)]
    [InlineData(SasrecLoss.BinaryCrossEntropy, 0.3)]
    public void Learns_a_sequential_pattern_far_above_popularity(SasrecLoss loss, double margin)
    {
        var data = SyntheticSequences.Successors(users: 400, items: 60, minLength: 4, maxLength: 12, seed: 2);
        var options = Small with { Epochs = 12, Loss = loss, Negatives = 20, Patience = 3 };

        var outcome = SasrecTraining.Train(data, EvaluationProtocol.LeaveOneOut, options);

        var split = LeaveOneOutSplit.Create(data.Sequences);
        var popularity = Evaluator.Evaluate(
            PopularityModel.Fit(data.Vocabulary, split.Train), split.Test, new EvaluationOptions());
        double sasrec = outcome.Test!.At(10).HitRate;
        double baseline = popularity.At(10).HitRate;
        Assert.True(sasrec >= baseline + margin, $"{loss}: SASRec HR@10 {sasrec:F3} vs popularity {baseline:F3}");
        Assert.NotNull(outcome.Validation);
        Assert.InRange(outcome.Training.BestEpoch, 1, options.Epochs);
    }

    [Fact]
    public void Early_stopping_keeps_the_best_epoch_and_reports_progress()
    {
        var data = SyntheticSequences.Successors(users: 100, items: 30, minLength: 3, maxLength: 8, seed: 3);
        var reports = new List<SasrecTrainingProgress>();
        var options = Small with { Epochs = 30, Patience = 1, LearningRate = 2e-2f };

        var outcome = SasrecTraining.Train(data, EvaluationProtocol.LeaveOneOut, options, new SynchronousProgress(reports.Add));

        var history = outcome.Training.History;
        double best = history.Max(h => h.Validation!.At(10).Ndcg);
        Assert.Equal(best, outcome.Validation!.At(10).Ndcg, 9);
        Assert.Equal(history.First(h => h.Validation!.At(10).Ndcg == best).Epoch, outcome.Training.BestEpoch);
        Assert.Contains(reports, r => r.Phase == SasrecTrainingPhase.Validating && r.ValidationNdcg10 is not null);
        Assert.Contains(reports, r => r.Phase == SasrecTrainingPhase.Training && r.Batch == r.Batches);
        if (outcome.Training.StopReason == SasrecStopReason.EarlyStopping)
        {
            Assert.Equal(outcome.Training.BestEpoch + 1, history.Count);
        }
    }

    [Fact]
    public void Time_budget_stops_training()
    {
        var data = SyntheticSequences.Successors(users: 100, items: 30, minLength: 3, maxLength: 8, seed: 4);
        var options = Small with { Epochs = 100_000, TimeBudgetSeconds = 1, Patience = 100_000 };

        var outcome = SasrecTraining.Train(data, EvaluationProtocol.LeaveOneOut, options);

        Assert.Equal(SasrecStopReason.TimeBudget, outcome.Training.StopReason);
        Assert.NotNull(outcome.Test);
    }

    [Fact]
    public void Next_item_measures_the_given_sets_or_holds_the_latest_sessions_out()
    {
        var data = SyntheticSequences.Successors(users: 200, items: 30, minLength: 2, maxLength: 6, seed: 7);
        var heldOut = SyntheticSequences.Successors(users: 40, items: 30, minLength: 2, maxLength: 6, seed: 8);
        var set = NextItemProtocol.Create(heldOut.Sequences);

        var withSets = SasrecTraining.Train(data, EvaluationProtocol.NextItem, Small with { Epochs = 3 }, validation: set, test: set);
        var without = SasrecTraining.Train(data, EvaluationProtocol.NextItem, Small with { Epochs = 2 });

        Assert.Equal(EvaluationProtocol.NextItem, withSets.Test!.Protocol);
        Assert.False(withSets.Test.ExcludeSeen);
        Assert.All(withSets.Training.History, h => Assert.NotNull(h.Validation));
        // No validation file: the latest 10 % of the sessions were held out for early stopping.
        Assert.NotNull(without.Validation);
        Assert.All(without.Training.History, h => Assert.NotNull(h.Validation));
        var heldOutTail = RecentSessionsSplit.Create(data.Sequences, SasrecTraining.HeldOutFraction).Validation;
        Assert.Equal(heldOutTail.Cases.Count, without.Validation.Predictions);
    }

    [Fact]
    public void Refit_retrains_on_every_session_for_the_chosen_epoch_count()
    {
        var data = SyntheticSequences.Successors(users: 200, items: 30, minLength: 2, maxLength: 6, seed: 9);
        var options = Small with { Epochs = 4, Refit = true };

        var outcome = SasrecTraining.Train(data, EvaluationProtocol.NextItem, options);

        // Early stopping ran on the held-out newest sessions; the refit then learned all of them for as many epochs.
        var refit = Assert.IsType<SasrecTrainingResult>(outcome.Refit);
        Assert.Equal(outcome.Training.BestEpoch, refit.History.Count);
        Assert.All(refit.History, h => Assert.Null(h.Validation));
        var expected = SasrecTrainer.Train(
            data.Sequences, data.Vocabulary, validation: null, options with { Epochs = outcome.Training.BestEpoch });
        Assert.Equal(Flat(expected.Weights), Flat(outcome.Weights));
        Assert.NotEqual(Flat(outcome.Training.Weights), Flat(outcome.Weights));
        Assert.NotNull(outcome.Validation);

        // A validation file is the caller's own split: nothing was held out, so there is nothing to refit.
        var set = NextItemProtocol.Create(data.Sequences.TakeLast(20).ToList());
        var given = SasrecTraining.Train(data, EvaluationProtocol.NextItem, options, validation: set);
        Assert.Null(given.Refit);
        Assert.Same(given.Training.Weights, given.Weights);
    }

    private static float[] Flat(SasrecWeights weights) => [.. SasrecWeightsFactory.Arrays(weights).SelectMany(a => a)];

    [Fact]
    public void Cancellation_returns_at_once_without_figures()
    {
        var data = SyntheticSequences.Successors(users: 50, items: 20, minLength: 3, maxLength: 6, seed: 6);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var outcome = SasrecTraining.Train(data, EvaluationProtocol.LeaveOneOut, Small, cancellationToken: cancelled.Token);

        Assert.Equal(SasrecStopReason.Cancelled, outcome.Training.StopReason);
        Assert.Empty(outcome.Training.History);
        Assert.Null(outcome.Test);
    }

    [Fact]
    public void Saved_directory_loads_and_serves_the_trained_figures()
    {
        var data = SyntheticSequences.Successors(users: 120, items: 30, minLength: 4, maxLength: 10, seed: 5);
        var outcome = SasrecTraining.Train(data, EvaluationProtocol.LeaveOneOut, Small with { Epochs = 3 });
        using var directory = new TempDirectory();

        SasrecTraining.Save(directory.Path, outcome, data);

        var manifest = ModelFiles.ReadManifest(directory.Path);
        Assert.Equal("sasrec", manifest.Type);
        Assert.Equal(10, manifest.HyperParameters["max_len"]!.GetValue<int>());
        Assert.NotNull(manifest.Test);
        var model = ModelLoader.Load(directory.Path);
        try
        {
            var split = LeaveOneOutSplit.Create(data.Sequences);
            var served = Evaluator.Evaluate(model, split.Test, new EvaluationOptions { Threads = 1 });
            Assert.Equal(outcome.Test!.At(10).HitRate, served.At(10).HitRate, 6);
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }

    private sealed class SynchronousProgress(Action<SasrecTrainingProgress> report) : IProgress<SasrecTrainingProgress>
    {
        public void Report(SasrecTrainingProgress value) => report(value);
    }
}
