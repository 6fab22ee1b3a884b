using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using SessionRec.Cli.Arguments;
using SessionRec.Cli.Commands;
using SessionRec.Models.Data;
using SessionRec.Models.ModelDirectory;

namespace SessionRec.Cli;

/// <summary>
/// The command tree on System.CommandLine (help, <c>--version</c> and usage generated from the declared options);
/// turns parse errors and failures into one-line messages and exit codes.
/// </summary>
public static class CliApp
{
    public static Command CreateRoot(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Named, not a RootCommand: the usage text says "sessionrec" whatever the host process is called.
        var root = new Command("sessionrec", "SessionRec: train, evaluate and tune session recommenders, write demo data, replay traffic against the service.")
        {
            new HelpOption(),
            new VersionOption(),
        };

        var train = new TrainCommandLine();
        train.SetAction(r => TrainCommand.Run(TrainSettings.From(r, train), context));
        var evaluate = new EvaluateCommandLine();
        evaluate.SetAction(r => EvaluateCommand.Run(r, evaluate, context));
        var tune = new TuneCommandLine();
        tune.SetAction(r => TuneCommand.Run(r, tune, context));
        var simulate = new SimulateCommandLine();
        simulate.SetAction(r => SimulateCommand.Run(r, simulate, context));
        var demoData = new DemoDataCommand();
        demoData.SetAction(r => demoData.Run(r, context));
        foreach (var command in (Command[])[train, evaluate, tune, simulate, demoData])
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    public static int Run(IReadOnlyList<string> args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var root = CreateRoot(context);
        var invocation = new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false };
        if (args.Count == 0)
        {
            root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = context.Error, Error = context.Error });
            return ExitCodes.Usage;
        }

        var parsed = root.Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            foreach (var error in parsed.Errors)
            {
                context.Error.WriteLine($"error: {error.Message}");
            }

            WriteHelpHint(context, parsed);
            return ExitCodes.Usage;
        }

        try
        {
            return parsed.Invoke(invocation);
        }
        catch (CliUsageException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            WriteHelpHint(context, parsed);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is DataFormatException or ModelDirectoryException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    private static void WriteHelpHint(CliContext context, ParseResult parsed)
    {
        string command = parsed.CommandResult.Command == parsed.RootCommandResult.Command ? "sessionrec" : $"sessionrec {parsed.CommandResult.Command.Name}";
        context.Error.WriteLine($"Run '{command} --help' for usage.");
    }
}
