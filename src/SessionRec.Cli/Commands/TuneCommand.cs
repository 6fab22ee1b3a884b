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

namespace SessionRec.Cli.Commands;

/// <summary>
/// <c>tune</c>: time-budgeted random search on a validation split only. <c>--model vsknn|vmisknn</c> searches the
/// kNN settings, each trial with its best repeat mixture (replayed over cached lists), then writes the best as a
/// model directory through <c>train</c> and the record of every trial as JSON. <c>--base DIR</c> tunes only the
/// repeat mixture of an existing model directory (e.g. SASRec) and stores it in that directory's manifest.
/// </summary>
public static class TuneCommand
{
    private const string Command = "tune";

    private static readonly string[] Values = ["model", "base", "parts", "serve-parts", "data", "validation", "format", "budget", "out", "record", "seed", "k", "threads"];

    public static int Run(IReadOnlyList<string> args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parsed = ParsedArguments.Parse(Command, args, Values, []);
        string validationPath = DataArguments.ExistingFile(parsed.Require("validation"), "validation", Command);
        int k = parsed.GetInt("k", 20, min: 1);
        int threads = parsed.GetInt("threads", Math.Min(2, Environment.ProcessorCount), min: 1);
        if (parsed.Get("base") is { } baseDirectory)
        {
            return TuneRepeatOnly(context, parsed, baseDirectory, validationPath, k, threads);
        }

        if (parsed.Get("model") == HybridModel.TypeName)
        {
            return TuneHybrid(context, parsed, validationPath, k, threads);
        }

        string kind = parsed.GetChoice("model", "vmisknn", [.. KnnSearchSpace.Kinds]);
        string dataPath = DataArguments.ExistingFile(parsed.Require("data"), "data", Command);
        string output = parsed.Require("out");
        var budget = TimeSpan.FromMinutes(parsed.GetDouble("budget", 5, min: 0.01));
        var random = new Random(parsed.GetInt("seed", 1));
        var format = DataArguments.ParseFormat(parsed, Command);

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
        string recordPath = parsed.Get("record") ?? Path.Combine(output, "tune.json");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(recordPath))!);
        File.WriteAllText(recordPath, record.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        context.Out.WriteLine($"Wrote the record of every trial to {recordPath}.");
        return TrainCommand.Run(trainArgs, context);
    }

    private static int TuneRepeatOnly(CliContext context, ParsedArguments parsed, string directory, string validationPath, int k, int threads)
    {
        foreach (var option in new[] { "model", "data", "budget", "out", "seed" })
        {
            if (parsed.Has(option))
            {
                throw new CliUsageException($"{Command}: --{option} does not apply with --base (only the repeat mixture is tuned).");
            }
        }

        var model = ModelLoader.Load(directory);
        try
        {
            var manifest = ModelFiles.ReadManifest(directory);
            var set = ValidationSet(validationPath, DataArguments.ParseFormat(parsed, Command), model.Vocabulary, context);
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
    /// Blends two model directories (e.g. VMIS-kNN and SASRec trained on the training part) with the first's weight
    /// a in 0, 0.1, …, 1, each with its best repeat mixture on the validation split; writes a hybrid directory of
    /// <c>--serve-parts</c> (e.g. the same kinds trained on the full log; default: the tuned parts) with the best a.
    /// </summary>
    private static int TuneHybrid(CliContext context, ParsedArguments parsed, string validationPath, int k, int threads)
    {
        var parts = parsed.Require("parts").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var serveParts = parsed.Get("serve-parts")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? parts;
        if (parts.Length != 2 || serveParts.Length != 2)
        {
            throw new CliUsageException($"{Command}: --parts and --serve-parts take two model directories, comma-separated.");
        }

        string output = parsed.Require("out");
        (float Weight, RepeatTrial Trial)? best = null;
        EvaluationSet? set = null;
        for (int step = 0; step <= 10; step++)
        {
            float a = step / 10f;
            using var hybrid = HybridModelStore.FromDirectories(parts, [a, 1 - a]);
            set ??= ValidationSet(validationPath, DataArguments.ParseFormat(parsed, Command), hybrid.Vocabulary, context);
            var trials = RepeatTuner.Tune(hybrid, set, RepeatModelStore.DefaultsFor(HybridModel.TypeName), k, threads);
            var top = trials[0];
            var plain = trials.First(t => t.Options.Weight == 0);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"weight {a:F1} on {parts[0]}: HR@{k} {top.HitRate:F4} MRR@{k} {top.Mrr:F4} with repeat weight {top.Options.Weight} decay {top.Options.Decay} (without the mixture: {plain.HitRate:F4} / {plain.Mrr:F4})"));
            if (best is null || top.Mrr > best.Value.Trial.Mrr)
            {
                best = (a, top);
            }
        }

        var (weight, trial) = best!.Value;
        HybridModelStore.Save(output, serveParts, [weight, 1 - weight], trial.Options);
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"best: weight {weight:F1} on the first part, repeat weight {trial.Options.Weight} decay {trial.Options.Decay} (HR@{k} {trial.HitRate:F4}, MRR@{k} {trial.Mrr:F4}); wrote {output} from {string.Join(", ", serveParts)}."));
        return ExitCodes.Success;
    }

    private static EvaluationSet ValidationSet(string path, Models.Data.DataFormat? format, ItemVocabulary vocabulary, CliContext context)
    {
        var data = DataArguments.Load(path, format, vocabulary);
        if (data.DroppedUnknownItems > 0)
        {
            context.Out.WriteLine($"{path}: dropped {data.DroppedUnknownItems} clicks on items unknown to training.");
        }

        return NextItemProtocol.Create(data.Sequences);
    }
}
