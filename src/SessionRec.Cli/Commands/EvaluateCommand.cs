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

    private static readonly string[] Values = ["model", "data", "format", "protocol", "k", "exclude-seen", "threads", "split"];

    private static readonly string[] Flags = ["json"];

    public static int Run(IReadOnlyList<string> args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parsed = ParsedArguments.Parse(Command, args, Values, Flags);
        string modelDirectory = parsed.Require("model");
        string dataPath = DataArguments.ExistingFile(parsed.Require("data"), "data", Command);
        var format = DataArguments.ParseFormat(parsed, Command) ?? DataFormatDetector.Detect(dataPath);
        var protocol = ParseProtocol(parsed, format);
        string split = parsed.GetChoice("split", "test", "test", "validation");
        if (protocol != EvaluationProtocol.LeaveOneOut && parsed.Has("split"))
        {
            throw new CliUsageException($"{Command}: --split applies to leave-one-out only.");
        }

        var options = new EvaluationOptions
        {
            Ks = parsed.GetIntList("k", [5, 10, 20]),
            ExcludeSeen = parsed.GetBool("exclude-seen"),
            Threads = parsed.GetInt("threads", Math.Min(2, Environment.ProcessorCount), min: 1),
        };
        bool json = parsed.GetBool("json") ?? false;

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

    private static EvaluationProtocol ParseProtocol(ParsedArguments parsed, DataFormat format)
    {
        string? name = parsed.Get("protocol");
        if (name is null)
        {
            return format == DataFormat.Sequences ? EvaluationProtocol.LeaveOneOut : EvaluationProtocol.NextItem;
        }

        return EvaluationProtocolNames.TryParse(name, out var protocol)
            ? protocol
            : throw new CliUsageException($"{Command}: --protocol must be leave-one-out or next-item, got '{name}'.");
    }
}
