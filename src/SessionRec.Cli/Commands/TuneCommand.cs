using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SessionRec.Cli.Arguments;
using SessionRec.Cli.Tuning;
using SessionRec.Core.Items;
using SessionRec.Training.Evaluation;
using SessionRec.Training.Tuning;
using SessionRec.Models.Hybrid;
using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Repeat;
using SessionRec.Models.Sasrec;

namespace SessionRec.Cli.Commands;

/// <summary>
/// <c>tune</c>: time-budgeted random search on a validation split only. <c>--model vsknn|vmisknn</c> searches the
/// kNN settings, each trial with its best repeat mixture (replayed over cached lists), then writes the best as a
/// model directory through <c>train</c> and the record of every trial as JSON. <c>--base DIR</c> tunes only the
/// repeat mixture of an existing model directory (e.g. SASRec) and stores it in that directory's manifest.
/// <c>--model sasrec</c> is <see cref="SasrecTuneRun"/>'s successive halving.
/// </summary>
public static class TuneCommand
{
    private const string Command = "tune";

    internal static int Run(ParseResult parsed, TuneCommandLine c, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(context);
        int k = parsed.GetValue(c.K);
        int threads = parsed.GetValue(c.Threads);
        string kind = parsed.GetValue(c.Model)!;
        if (kind == SasrecArtifact.ModelName && parsed.GetValue(c.Base) is null)
        {
            return SasrecTuneRun.Run(context, parsed, c);
        }

        string validationPath = TuneCommandLine.Require(parsed, c.Validation);
        if (parsed.GetValue(c.Base) is { } baseDirectory)
        {
            return TuneRepeatOnly(context, parsed, c, baseDirectory, validationPath, k, threads);
        }

        if (kind == HybridModel.TypeName)
        {
            return TuneHybrid(context, parsed, c, validationPath, k, threads);
        }

        string dataPath = TuneCommandLine.Require(parsed, c.Data);
        string output = TuneCommandLine.Require(parsed, c.Out);
        var budget = TimeSpan.FromMinutes(parsed.GetValue(c.Budget));
        var random = new Random(parsed.GetValue(c.Seed));
        var format = CommonOptions.ParseFormat(parsed.GetValue(c.Format));

        var train = DataArguments.Load(dataPath, format);
        var set = ValidationSet(validationPath, format, train.Vocabulary, context);
        var clock = Stopwatch.StartNew();
        var record = new JsonArray();
        (string[] Args, RepeatTrial Repeat)? best = null;
        for (int trial = 0; trial == 0 || clock.Elapsed < budget; trial++)
        {
            var started = clock.Elapsed;
            string[] options = KnnSearchSpace.Sample(kind, trial, random);
            var model = KnnSearchSpace.Build(kind, options, train.Vocabulary, train.Sequences);
            var top = RepeatTuner.Tune(model, set, RepeatModelStore.DefaultsFor(kind), k, threads)[0];
            double seconds = (clock.Elapsed - started).TotalSeconds;
            record.Add(new JsonObject
            {
                ["trial"] = trial,
                ["options"] = KnnSearchSpace.Describe(options),
                ["repeat"] = RepeatModelStore.ToJson(top.Options),
                [$"hr@{k}"] = top.HitRate,
                [$"mrr@{k}"] = top.Mrr,
                ["seconds"] = seconds,
            });
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"trial {trial}: {KnnSearchSpace.Describe(options)}, repeat weight {top.Options.Weight} decay {top.Options.Decay}: HR@{k} {top.HitRate:F4} MRR@{k} {top.Mrr:F4} ({seconds:F1} s)"));
            if (best is null || top.Mrr > best.Value.Repeat.Mrr)
            {
                best = (options, top);
            }
        }

        var (bestArgs, bestRepeat) = best!.Value;
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"best of {record.Count} trials in {clock.Elapsed.TotalMinutes:F1} min: {KnnSearchSpace.Describe(bestArgs)} --repeat-weight {bestRepeat.Options.Weight} --repeat-decay {bestRepeat.Options.Decay} (HR@{k} {bestRepeat.HitRate:F4}, MRR@{k} {bestRepeat.Mrr:F4} on {validationPath})"));

        string[] trainArgs =
        [
            "--data", dataPath, "--model", kind, "--out", output, "--validation", validationPath, "--k", "5,10,20",
            "--exclude-seen", "false", "--threads", threads.ToString(CultureInfo.InvariantCulture),
            "--repeat-weight", KnnSearchSpace.Invariant(bestRepeat.Options.Weight),
            "--repeat-decay", KnnSearchSpace.Invariant(bestRepeat.Options.Decay),
            .. format is { } f ? new[] { "--format", f.Name() } : [],
            .. bestArgs,
        ];
        WriteRecord(context, parsed, c, output, record);
        return TrainCommand.Run(trainArgs, context);
    }

    /// <summary>Writes a search's record of every trial to <c>--record</c>, by default DIR/tune.json.</summary>
    internal static void WriteRecord(CliContext context, ParseResult parsed, TuneCommandLine c, string output, JsonNode record)
    {
        string recordPath = parsed.GetValue(c.Record) ?? Path.Combine(output, "tune.json");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(recordPath))!);
        File.WriteAllText(recordPath, record.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        context.Out.WriteLine($"Wrote the record of every trial to {recordPath}.");
    }

    private static int TuneRepeatOnly(CliContext context, ParseResult parsed, TuneCommandLine c, string directory, string validationPath, int k, int threads)
    {
        foreach (var option in new Option[] { c.Model, c.Data, c.Budget, c.Out, c.Seed })
        {
            if (parsed.Given(option))
            {
                throw new CliUsageException($"{Command}: {option.Name} does not apply with --base (only the repeat mixture is tuned).");
            }
        }

        var model = ModelLoader.Load(directory);
        try
        {
            var manifest = ModelFiles.ReadManifest(directory);
            var set = ValidationSet(validationPath, CommonOptions.ParseFormat(parsed.GetValue(c.Format)), model.Vocabulary, context);
            var trials = RepeatTuner.Tune(model, set, RepeatModelStore.DefaultsFor(manifest.Type), k, threads);
            foreach (var t in trials.Take(10))
            {
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"repeat weight {t.Options.Weight} decay {t.Options.Decay}: HR@{k} {t.HitRate:F4} MRR@{k} {t.Mrr:F4}"));
            }

            var noRepeat = trials.First(t => t.Options.Weight == 0);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"without the mixture: HR@{k} {noRepeat.HitRate:F4} MRR@{k} {noRepeat.Mrr:F4}"));
            manifest.HyperParameters[RepeatModelStore.Key] = RepeatModelStore.ToJson(trials[0].Options);
            ModelFiles.WriteManifest(directory, manifest);
            context.Out.WriteLine($"Wrote the best repeat mixture to {Path.Combine(directory, ModelFiles.Manifest)}.");
            return ExitCodes.Success;
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }

    /// <summary>
    /// Blends two or more model directories (e.g. V-SKNN, VMIS-kNN and SASRec trained on the training part) with every
    /// weight vector on the grid of <c>--step</c> (weights summing to 1), each with its best repeat mixture on the
    /// validation split; writes a hybrid directory of <c>--serve-parts</c> (e.g. the same kinds trained on the full
    /// log; default: the tuned parts) with the best. <c>--objective mrr</c> (default) maximizes MRR@K; <c>hr</c>
    /// maximizes HR@K among settings with MRR@K at least <c>--min-mrr</c>. Each part's lists are computed once and
    /// reused for every weight vector.
    /// </summary>
    private static int TuneHybrid(CliContext context, ParseResult parsed, TuneCommandLine c, string validationPath, int k, int threads)
    {
        var parts = TuneCommandLine.Require(parsed, c.Parts).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var serveParts = parsed.GetValue(c.ServeParts)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? parts;
        if (parts.Length < 2 || serveParts.Length != parts.Length)
        {
            throw new CliUsageException($"{Command}: --parts takes two or more model directories, comma-separated, and --serve-parts as many.");
        }

        double step = parsed.GetValue(c.Step);
        int steps = (int)Math.Round(1 / step);
        if (Math.Abs(steps * step - 1) > 1e-6)
        {
            throw new CliUsageException($"{Command}: --step must divide 1 (e.g. 0.1, 0.2, 0.25).");
        }

        string objective = parsed.GetValue(c.Objective)!;
        double minMrr = parsed.GetValue(c.MinMrr);
        if (parsed.Given(c.MinMrr) && objective != "hr")
        {
            throw new CliUsageException($"{Command}: --min-mrr applies only with --objective hr.");
        }

        string output = TuneCommandLine.Require(parsed, c.Out);
        using var loaded = HybridModelStore.FromDirectories(parts, [.. parts.Select(_ => 1f)]);
        var set = ValidationSet(validationPath, CommonOptions.ParseFormat(parsed.GetValue(c.Format)), loaded.Vocabulary, context);
        var best = HybridTuner.Tune(loaded.Parts, set, steps, objective == "hr" ? HybridObjective.HitRateAbove(minMrr) : HybridObjectives.Parse(objective), k, threads, context.Out.WriteLine);
        if (best is null)
        {
            context.Error.WriteLine($"{Command}: no blend reaches MRR@{k} {minMrr.ToString(CultureInfo.InvariantCulture)} on {validationPath}; nothing written.");
            return ExitCodes.Failure;
        }

        var (bestWeights, trial) = best;
        HybridModelStore.Save(output, serveParts, bestWeights, trial.Options);
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"best: weights {HybridTuner.Describe(bestWeights)}, repeat weight {trial.Options.Weight} decay {trial.Options.Decay} (HR@{k} {trial.HitRate:F4}, MRR@{k} {trial.Mrr:F4}); wrote {output} from {string.Join(", ", serveParts)}."));
        return ExitCodes.Success;
    }

    internal static EvaluationSet ValidationSet(string path, Models.Data.DataFormat? format, ItemVocabulary vocabulary, CliContext context)
    {
        var data = DataArguments.Load(path, format, vocabulary);
        if (data.DroppedUnknownItems > 0)
        {
            context.Out.WriteLine($"{path}: dropped {data.DroppedUnknownItems} clicks on items unknown to training.");
        }

        return NextItemProtocol.Create(data.Sequences);
    }
}
