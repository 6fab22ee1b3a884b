using System.Diagnostics;
using System.Globalization;
using SessionRec.Cli.Arguments;
using SessionRec.Models.Data;
using SessionRec.Models.Hybrid;
using SessionRec.Models.Knn;
using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Repeat;
using SessionRec.Training.Evaluation;
using SessionRec.Training.Fitting;
using SessionRec.Training.Sasrec;
using SessionRec.Training.Tuning;

namespace SessionRec.Cli.Commands;

/// <summary>
/// <c>train --model hybrid</c> on a click log: VMIS-kNN and SASRec blended, with the blend weights and the repeat
/// mixture chosen on a validation split, written as one servable hybrid directory. Without <c>--validation</c> the
/// newest sessions are held out (<see cref="RecentSessionsSplit"/>): the parts are trained on the rest, SASRec stops
/// early and the blend is tuned there, then the served parts learn every session (VMIS-kNN refitted, SASRec retrained
/// for the chosen epoch count), because on click logs the newest day matters most. With <c>--validation</c> the parts
/// are trained on <c>--data</c> once and the file serves for early stopping and tuning. <c>--sasrec-runs N</c> trains
/// SASRec N times (seeds seed, seed + 1, …) and averages them (equal shares of SASRec's blend weight).
/// </summary>
internal static class HybridTrainRun
{
    /// <summary>Blend weights are searched on a grid of 1 / <see cref="Steps"/>.</summary>
    private const int Steps = 10;

    public static int Run(CliContext context, TrainSettings settings, SessionDataset dataset, DataFormat format,
        EvaluationProtocol protocol, EvaluationSet? validation, EvaluationSet? test)
    {
        if (protocol != EvaluationProtocol.NextItem)
        {
            throw new CliUsageException($"{TrainSettings.Command}: --model hybrid is for click logs (the next-item protocol).");
        }

        var clock = Stopwatch.StartNew();
        bool heldOut = validation is null;
        var tuneSet = validation;
        IReadOnlyList<int[]> tuneTrain = dataset.Sequences;
        if (heldOut)
        {
            var split = RecentSessionsSplit.Create(dataset.Sequences, SasrecTraining.HeldOutFraction);
            (tuneTrain, tuneSet) = (split.Train, split.Validation);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Holding out the newest {split.Validation.Sequences.Count} sessions ({split.Validation.Cases.Count} predictions) to stop SASRec and tune the blend."));
        }

        var work = Directory.CreateTempSubdirectory("sessionrec-hybrid-");
        try
        {
            string knnTune = Path.Combine(work.FullName, "vmisknn-tune");
            string knnServe = Path.Combine(work.FullName, "vmisknn");

            var fitter = ModelFitters.Default.Get(VmisknnModel.TypeName);
            var knnOptions = VmisknnModelStore.HyperParameters(settings.Vmisknn);
            TrainCommand.SaveFitted(knnTune, fitter, fitter.Fit(dataset.Vocabulary, tuneTrain, knnOptions), settings, dataset, format);
            if (heldOut)
            {
                TrainCommand.SaveFitted(knnServe, fitter, fitter.Fit(dataset.Vocabulary, dataset.Sequences, knnOptions), settings, dataset, format);
            }

            // The same held-out split inside SasrecTraining: its early-stopping run is the tuning part, its refit the
            // served one. Several runs (seeds seed, seed + 1, …) share SASRec's weight equally: an ensemble.
            var tuneParts = new List<string> { knnTune };
            var serveParts = new List<string> { heldOut ? knnServe : knnTune };
            for (int run = 0; run < settings.SasrecRuns; run++)
            {
                string tune = Path.Combine(work.FullName, $"sasrec-tune-{run}");
                string serve = Path.Combine(work.FullName, $"sasrec-{run}");
                var options = SasrecTrainRun.Options(settings.Sasrec) with { Refit = heldOut, Seed = settings.Sasrec.Seed + run };
                var outcome = SasrecTrainRun.Train(context, settings, options, dataset, protocol, validation, test: null);
                SasrecTraining.Save(tune, outcome with { Refit = null }, dataset, format);
                tuneParts.Add(tune);
                if (heldOut)
                {
                    SasrecTraining.Save(serve, outcome, dataset, format);
                }

                serveParts.Add(heldOut ? serve : tune);
            }

            int[] groups = [0, .. Enumerable.Repeat(1, settings.SasrecRuns)];
            HybridChoice? choice;
            EvaluationResult tuned;
            using (var loaded = HybridModelStore.FromDirectories(tuneParts, [.. tuneParts.Select(_ => 1f)]))
            {
                choice = HybridTuner.Tune(loaded.Parts, tuneSet!, Steps, settings.BlendObjective, k: 20, settings.Evaluation.Threads, context.Out.WriteLine, groups);
                if (choice is null)
                {
                    throw new InvalidOperationException("The blend search found no setting.");
                }

                var blend = new HybridModel([.. loaded.Parts.Select((p, i) => p with { Weight = choice.Weights[i] })]);
                tuned = Evaluator.Evaluate(new RepeatAwareModel(blend, choice.Trial.Options), tuneSet!, settings.Evaluation);
            }

            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Blend: weights {HybridTuner.Describe(choice.Weights)} (vmisknn, {string.Join(", ", Enumerable.Repeat("sasrec", settings.SasrecRuns))}), repeat weight {choice.Trial.Options.Weight} decay {choice.Trial.Options.Decay}: HR@20 {choice.Trial.HitRate:F4} MRR@20 {choice.Trial.Mrr:F4} on the validation split."));
            Output.EvaluationTable.Write(context.Out, "validation (tuned blend)", tuned, TimeSpan.Zero);

            HybridModelStore.Save(settings.OutputDirectory, serveParts, choice.Weights, choice.Trial.Options);
            var written = ModelFiles.ReadManifest(settings.OutputDirectory);
            written.HyperParameters["tuned_on"] = heldOut
                ? $"newest {SasrecTraining.HeldOutFraction.ToString("P0", CultureInfo.InvariantCulture)} of the sessions, then the parts retrained on all"
                : Path.GetFullPath(settings.ValidationPath!);
            written.HyperParameters["training_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1);
            var manifest = written with
            {
                Dataset = TrainCommand.Describe(settings, dataset, format),
                Validation = EvaluationJson.ToJson(tuned),
                Test = test is null ? null : EvaluationJson.ToJson(MeasureServed(context, settings, test)),
            };
            ModelFiles.WriteManifest(settings.OutputDirectory, manifest);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {settings.OutputDirectory} (hybrid of vmisknn and sasrec) in {clock.Elapsed.TotalMinutes:F1} min."));
            return ExitCodes.Success;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The written directory as the server loads it, on the test set.</summary>
    private static EvaluationResult MeasureServed(CliContext context, TrainSettings settings, EvaluationSet test)
    {
        var served = ModelLoader.Load(settings.OutputDirectory);
        try
        {
            var figures = Output.EvaluationRunner.Run(context, "test", served, test, settings.Evaluation);
            Output.EvaluationTable.Write(context.Out, "test", figures, TimeSpan.Zero);
            return figures;
        }
        finally
        {
            (served as IDisposable)?.Dispose();
        }
    }
}
