using System.Globalization;
using SessionRec.Models.Data;
using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Repeat;
using SessionRec.Training.Evaluation;
using SessionRec.Training.Sasrec;
using Spectre.Console;

namespace SessionRec.Cli.Commands;

/// <summary>
/// <c>train --model sasrec</c>: trains on our engine with a live progress bar (epoch, batch, loss, validation
/// NDCG@10, ETA), keeps the best epoch and writes the model directory.
/// </summary>
internal static class SasrecTrainRun
{
    public static int Run(CliContext context, TrainSettings settings, SessionDataset dataset, DataFormat format,
        EvaluationProtocol protocol, EvaluationSet? validation, EvaluationSet? test)
    {
        var outcome = Train(context, settings, Options(settings.Sasrec), dataset, protocol, validation, test);
        Write(context, settings.OutputDirectory, outcome, dataset, format, settings.Repeat);
        return ExitCodes.Success;
    }

    /// <summary>Prints the outcome's figures and writes its model directory with <paramref name="repeat"/>.</summary>
    public static void Write(CliContext context, string directory, SasrecTrainingOutcome outcome, SessionDataset dataset, DataFormat format, RepeatOptions repeat)
    {
        foreach (var (label, figures) in new[] { ("validation", outcome.Validation), ("test", outcome.Test) })
        {
            if (figures is not null)
            {
                Output.EvaluationTable.Write(context.Out, label, figures, TimeSpan.Zero);
            }
        }

        SasrecTraining.Save(directory, outcome, dataset, format);
        RecordRepeat(directory, repeat);
        context.Out.WriteLine($"Wrote {directory}.");
    }

    public static SasrecTrainingOptions Options(SasrecTrainOptions o) => new()
    {
        Epochs = o.Epochs,
        Dim = o.Dim,
        Blocks = o.Blocks,
        Heads = o.Heads,
        MaxLen = o.MaxLen,
        Dropout = (float)o.Dropout,
        AttentionDropout = (float)o.AttentionDropout,
        FilterAlpha = (float)o.FilterAlpha,
        FilterFrequencies = o.FilterFrequencies,
        WeightAverageDecay = (float)o.WeightAverage,
        PrefixExamples = o.PrefixExamples,
        Loss = SasrecLossNames.Parse(o.Loss),
        Negatives = o.Negatives,
        LearningRate = (float)o.LearningRate,
        WeightDecay = (float)o.WeightDecay,
        BatchSize = o.Batch,
        Seed = o.Seed,
        Threads = o.Threads,
        TimeBudgetSeconds = o.TimeBudgetSeconds,
        Patience = o.Patience,
        EvaluateEvery = o.EvalEvery,
        Refit = o.Refit,
    };

    /// <summary>Trains with the progress display and reports how the run ended.</summary>
    public static SasrecTrainingOutcome Train(CliContext context, TrainSettings settings, SasrecTrainingOptions options,
        SessionDataset dataset, EvaluationProtocol protocol, EvaluationSet? validation, EvaluationSet? test)
    {
        var progress = new LatestProgress();
        bool leaveOneOut = protocol == EvaluationProtocol.LeaveOneOut;
        var training = Task.Run(() => SasrecTraining.Train(
            dataset, protocol, options, progress,
            leaveOneOut ? null : validation,
            leaveOneOut ? null : test,
            settings.Evaluation));
        Show(context, progress, training);
        var outcome = training.GetAwaiter().GetResult();

        var result = outcome.Training;
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Trained sasrec ({options.Loss.ToName()}): {result.History.Count} epochs in {result.Elapsed.TotalSeconds:F0} s, best epoch {result.BestEpoch}, stopped: {result.StopReason}."));
        foreach (var epoch in result.History)
        {
            string figures = epoch.Validation is { } v
                ? string.Create(CultureInfo.InvariantCulture, $", validation {epoch.ValidationTime.TotalSeconds:F1} s, NDCG@10 {v.At(10).Ndcg:F6}")
                : "";
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  epoch {epoch.Epoch}: training {epoch.TrainTime.TotalSeconds:F1} s{figures}"));
        }

        if (outcome.Refit is { } refit)
        {
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Refit on every session (the held-out newest included): {refit.History.Count} epochs in {refit.Elapsed.TotalSeconds:F0} s; validation figures are the early-stopping run's."));
        }

        return outcome;
    }

    /// <summary>The repeat mixture the loader wraps the model in, written beside SASRec's own hyper-parameters.</summary>
    public static void RecordRepeat(string directory, RepeatOptions repeat)
    {
        var manifest = ModelFiles.ReadManifest(directory);
        manifest.HyperParameters[RepeatModelStore.Key] = RepeatModelStore.ToJson(repeat);
        ModelFiles.WriteManifest(directory, manifest);
    }

    private static void Show(CliContext context, LatestProgress progress, Task training)
    {
        if (!context.ShowProgress)
        {
            // Redirected output: one line per validation is enough for a log.
            int reported = 0;
            void Log()
            {
                // Any later report carries the latest finished validation, so none is missed between two polls.
                if (progress.Current is { } p && p.ValidatedEpoch != reported && p.ValidationNdcg10 is { } ndcg)
                {
                    reported = p.ValidatedEpoch;
                    context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"epoch {p.ValidatedEpoch}/{p.Epochs} loss {p.ValidatedLoss:F4} validation NDCG@10 {ndcg:F4} (best {p.BestValidationNdcg10:F4} at {p.BestEpoch}) elapsed {p.Elapsed:hh\\:mm\\:ss}"));
                }
            }

            while (!training.Wait(TimeSpan.FromMilliseconds(500)))
            {
                Log();
            }

            Log();
            return;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Error) });
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("sasrec", maxValue: 1);
                while (!training.Wait(TimeSpan.FromMilliseconds(200)))
                {
                    if (progress.Current is { } p)
                    {
                        task.MaxValue = Math.Max(1, p.Epochs * Math.Max(p.Batches, 1));
                        task.Value = ((p.Epoch - 1) * Math.Max(p.Batches, 1)) + p.Batch;
                        string validation = p.ValidationNdcg10 is { } v
                            ? string.Create(CultureInfo.InvariantCulture, $"val NDCG@10 {v:F4} (best {p.BestValidationNdcg10:F4} @{p.BestEpoch})")
                            : "val NDCG@10 –";
                        task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                            $"epoch {p.Epoch}/{p.Epochs} batch {p.Batch}/{p.Batches} loss {p.Loss:F4} {validation} ETA {p.Eta:hh\\:mm\\:ss}"));
                    }

                    ctx.Refresh();
                }

                task.Value = task.MaxValue;
            });
    }

    /// <summary>Keeps only the newest report: the display samples it, the trainer never waits for the display.</summary>
    private sealed class LatestProgress : IProgress<SasrecTrainingProgress>
    {
        private SasrecTrainingProgress? _current;

        public SasrecTrainingProgress? Current => Volatile.Read(ref _current);

        public void Report(SasrecTrainingProgress value) => Volatile.Write(ref _current, value);
    }
}
