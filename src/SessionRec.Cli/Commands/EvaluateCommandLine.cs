using System.CommandLine;
using SessionRec.Cli.Arguments;

namespace SessionRec.Cli.Commands;

/// <summary><c>evaluate</c>'s options.</summary>
internal sealed class EvaluateCommandLine : Command
{
    public EvaluateCommandLine()
        : base("evaluate", "Measure a model directory on a data file, loaded as the server loads it.")
    {
        foreach (var option in (Option[])[Model, Data, Format, Protocol, Split, K, ExcludeSeen, Threads, Json])
        {
            Options.Add(option);
        }
    }

    public Option<string> Model { get; } = CliOptions.Text("--model", "Model directory (written by train or tune).", "DIR", required: true);

    public Option<string> Data { get; } = CliOptions.ExistingFile("--data", "Data file; items the model does not know are dropped.", required: true);

    public Option<string> Format { get; } = CommonOptions.Format();

    public Option<string> Protocol { get; } = CommonOptions.Protocol();

    public Option<string> Split { get; } = CliOptions.Choice("--split", "leave-one-out: which target to measure.", "test", "test", "validation");

    public Option<IReadOnlyList<int>> K { get; } = CommonOptions.K();

    public Option<string> ExcludeSeen { get; } = CommonOptions.ExcludeSeen();

    public Option<int> Threads { get; } = CommonOptions.Threads();

    public Option<bool> Json { get; } = CliOptions.Flag("--json", "Print the figures as one JSON line.");
}
