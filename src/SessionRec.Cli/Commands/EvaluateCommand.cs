using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using SessionRec.Cli.Arguments;
using SessionRec.Cli.Output;
using SessionRec.Models.Data;
using SessionRec.Models.ModelDirectory;
using SessionRec.Training.Evaluation;

namespace SessionRec.Cli.Commands;

/// <summary>
/// <c>evaluate</c>: loads a model directory through <see cref="ModelLoader"/> (the server's path) and measures it on a
/// data file mapped through the model's items (unknown items dropped) under leave-one-out (test or validation target
/// of each user) or next-item.
/// </summary>
public static class EvaluateCommand
{
    private const string Command = "evaluate";

    internal static int Run(ParseResult parsed, EvaluateCommandLine c, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(context);
        string modelDirectory = parsed.GetValue(c.Model)!;
        string dataPath = parsed.GetValue(c.Data)!;
        var format = CommonOptions.ParseFormat(parsed.GetValue(c.Format)) ?? DataFormatDetector.Detect(dataPath);
        var protocol = CommonOptions.ParseProtocol(parsed.GetValue(c.Protocol))
            ?? (format == DataFormat.Sequences ? EvaluationProtocol.LeaveOneOut : EvaluationProtocol.NextItem);
        string split = parsed.GetValue(c.Split)!;
        if (protocol != EvaluationProtocol.LeaveOneOut && parsed.Given(c.Split))
        {
            throw new CliUsageException($"{Command}: --split applies to leave-one-out only.");
        }

        var options = new EvaluationOptions
        {
            Ks = parsed.GetValue(c.K)!,
            ExcludeSeen = parsed.GetTrueFalse(c.ExcludeSeen),
            Threads = parsed.GetValue(c.Threads),
        };
        bool json = parsed.GetValue(c.Json);

        var model = ModelLoader.Load(modelDirectory);
        WarnIfNotTheTrainingFile(context, modelDirectory, dataPath, protocol);
        var data = SessionDataset.Load(dataPath, format, model.Vocabulary);
        if (data.DroppedUnknownItems > 0)
        {
            context.Error.WriteLine($"{dataPath}: dropped {data.DroppedUnknownItems} interactions on items unknown to the model.");
        }

        var set = protocol == EvaluationProtocol.LeaveOneOut
            ? split == "test" ? LeaveOneOutSplit.Create(data.Sequences).Test : LeaveOneOutSplit.Create(data.Sequences).Validation
            : NextItemProtocol.Create(data.Sequences);

        var clock = Stopwatch.StartNew();
        var result = EvaluationRunner.Run(context, $"{model.Name} {protocol.ToName()}", model, set, options);
        if (json)
        {
            context.Out.WriteLine(EvaluationJson.ToJson(result).ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        }
        else
        {
            EvaluationTable.Write(context.Out, $"{model.Name} {split}", result, clock.Elapsed);
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// Leave-one-out figures mean something only on the file the model was trained on (its training part excludes
    /// exactly these targets); say so when the fingerprints differ rather than refuse, as a copy may be intended.
    /// </summary>
    private static void WarnIfNotTheTrainingFile(CliContext context, string modelDirectory, string dataPath, EvaluationProtocol protocol)
    {
        string? trained = ModelFiles.ReadManifest(modelDirectory).Dataset?.Fingerprint;
        if (protocol == EvaluationProtocol.LeaveOneOut && trained is not null && trained != DatasetFingerprint.Compute(dataPath))
        {
            context.Error.WriteLine($"warning: {dataPath} is not the file this model was trained on; leave-one-out targets may have been in its training data.");
        }
    }
}
