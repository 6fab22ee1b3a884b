using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using SessionRec.Cli.Output;
using SessionRec.Core.Items;
using SessionRec.Core.Ranking;
using SessionRec.Models.Data;
using SessionRec.Models.Hybrid;
using SessionRec.Models.Knn;
using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Repeat;
using SessionRec.Models.Sasrec;
using SessionRec.Training.Evaluation;
using SessionRec.Training.Fitting;

namespace SessionRec.Cli.Commands;

/// <summary>
/// <c>train</c>: reads the data, holds out the evaluation part (leave-one-out: the last two items of each user),
/// fits the model on the rest, measures validation and test figures and writes a model directory.
/// </summary>
public static class TrainCommand
{
    public static int Run(IReadOnlyList<string> args, CliContext context) => Run(TrainSettings.Parse(args), context);

    public static int Run(TrainSettings settings, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        var clock = Stopwatch.StartNew();
        var format = settings.Format ?? DataFormatDetector.Detect(settings.DataPath);
        var dataset = SessionDataset.Load(settings.DataPath, format);
        var protocol = settings.Protocol ?? (format == DataFormat.Sequences ? EvaluationProtocol.LeaveOneOut : EvaluationProtocol.NextItem);
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Read {dataset.Sequences.Count} {(format == DataFormat.Sequences ? "users" : "sessions")}, {dataset.Vocabulary.Count} items, {dataset.Interactions} interactions from {settings.DataPath} in {clock.Elapsed.TotalSeconds:F1} s."));

        EvaluationSet? validation = null;
        EvaluationSet? test = null;
        IReadOnlyList<int[]> train = dataset.Sequences;
        if (protocol == EvaluationProtocol.LeaveOneOut)
        {
            var split = LeaveOneOutSplit.Create(dataset.Sequences);
            (train, validation, test) = (split.Train, split.Validation, split.Test);
        }
        else
        {
            validation = NextItemSet(settings.ValidationPath, settings.Format, dataset.Vocabulary, context);
            test = NextItemSet(settings.TestPath, settings.Format, dataset.Vocabulary, context);
        }

        // SASRec trains for epochs with validation and early stopping; the other kinds fit in one pass.
        if (settings.Model == SasrecArtifact.ModelName)
        {
            return SasrecTrainRun.Run(context, settings, dataset, format, protocol, validation, test);
        }

        if (settings.Model == HybridModel.TypeName)
        {
            return HybridTrainRun.Run(context, settings, dataset, format, protocol, validation, test);
        }

        clock.Restart();
        var fitter = ModelFitters.Default.Get(settings.Model);
        var model = fitter.Fit(dataset.Vocabulary, train, settings.FitterHyperParameters());
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Built {model.Name} on {train.Count} training sequences in {clock.Elapsed.TotalSeconds:F1} s."));

        // Measured as served: the loader wraps every model in the repeat mixture written below.
        var served = new RepeatAwareModel(model, settings.Repeat);
        var validationJson = Measure(context, "validation", served, validation, settings.Evaluation);
        var testJson = Measure(context, "test", served, test, settings.Evaluation);

        SaveFitted(settings.OutputDirectory, fitter, model, settings, dataset, format, validationJson, testJson);
        context.Out.WriteLine($"Wrote {settings.OutputDirectory}.");
        return ExitCodes.Success;
    }

    /// <summary>Writes a one-pass model's files and manifest (with <paramref name="settings"/>' repeat mixture).</summary>
    internal static void SaveFitted(string directory, IModelFitter fitter, INextItemModel model, TrainSettings settings,
        SessionDataset dataset, DataFormat format, JsonObject? validation = null, JsonObject? test = null)
    {
        fitter.Save(directory, model);
        ModelFiles.WriteManifest(directory, new ModelManifest
        {
            Type = model.Name,
            HyperParameters = WithRepeat(fitter.HyperParameters(model), settings.Repeat),
            Dataset = Describe(settings, dataset, format),
            Validation = validation,
            Test = test,
        });
    }

    internal static ManifestDataset Describe(TrainSettings settings, SessionDataset dataset, DataFormat format) => new()
    {
        Path = Path.GetFullPath(settings.DataPath),
        Fingerprint = DatasetFingerprint.Compute(settings.DataPath),
        Format = format.Name(),
        Users = dataset.Sequences.Count,
        Items = dataset.Vocabulary.Count,
        Interactions = dataset.Interactions,
    };

    private static JsonObject WithRepeat(JsonObject hyperParameters, RepeatOptions repeat)
    {
        hyperParameters[RepeatModelStore.Key] = RepeatModelStore.ToJson(repeat);
        return hyperParameters;
    }

    private static EvaluationSet? NextItemSet(string? path, DataFormat? format, ItemVocabulary vocabulary, CliContext context)
    {
        if (path is null)
        {
            return null;
        }

        var data = DataArguments.Load(path, format, vocabulary);
        if (data.DroppedUnknownItems > 0)
        {
            context.Out.WriteLine($"{path}: dropped {data.DroppedUnknownItems} clicks on items unknown to training.");
        }

        return NextItemProtocol.Create(data.Sequences);
    }

    private static JsonObject? Measure(CliContext context, string label, INextItemModel model, EvaluationSet? set, EvaluationOptions options)
    {
        if (set is null)
        {
            return null;
        }

        var clock = Stopwatch.StartNew();
        var result = EvaluationRunner.Run(context, label, model, set, options);
        EvaluationTable.Write(context.Out, label, result, clock.Elapsed);
        return EvaluationJson.ToJson(result);
    }
}
