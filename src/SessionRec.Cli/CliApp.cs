using SessionRec.Cli.Arguments;
using SessionRec.Cli.Commands;
using SessionRec.Models.Data;
using SessionRec.Models.ModelDirectory;

namespace SessionRec.Cli;

/// <summary>Dispatches to a command and turns failures into messages and exit codes.</summary>
public static class CliApp
{
    public const string Usage = """
        usage: sessionrec <command> [options]

          train     --data PATH [--format sequences|sessions] --out DIR [--model popularity|vsknn|vmisknn|sasrec]
                    (default: vmisknn for click logs, sasrec for sequence files)
                    [--protocol leave-one-out|next-item] [--validation PATH] [--test PATH]
                    [--k 5,10,20] [--exclude-seen true|false] [--threads N] [--repeat-weight W] [--repeat-decay D]
                    vsknn:  [--neighbors 100] [--sample-size 1000] [--position-decay 0.1] [--min-weight 0.1]
                            [--idf-weighting 0] [--normalize]
                    vmisknn: [--neighbors 100] [--sample-size 250] [--max-session-items 3] [--match-decay 0.2]
                            [--idf-weighting 1]
                    sasrec: [--epochs --dim --blocks --heads --max-len --dropout --attention-dropout --loss ce|sampled|bce
                             --negatives --lr --batch --seed --time-budget SECONDS]
          evaluate  --model DIR --data PATH [--format sequences|sessions] [--protocol leave-one-out|next-item]
                    [--split test|validation] [--k 5,10,20] [--exclude-seen true|false] [--threads N] [--json]
          tune      --model vsknn|vmisknn --data TRAIN --validation VALID --out DIR [--budget MINUTES]
                    [--seed 1] [--k 20] [--record PATH]      random search on the validation split only
          tune      --base DIR --validation VALID [--k 20]   tune only the repeat mixture of a model directory
          tune      --model hybrid --parts DIR_A,DIR_B[,...] --validation VALID --out DIR [--serve-parts DIR_C,DIR_D[,...]]
                    [--step 0.1] [--objective mrr|hr] [--min-mrr M]
                    blend weights of several models (and the repeat mixture) on the validation split
          simulate  --url URL --data PATH [--format sequences|sessions] [--rate CLICKS_PER_S] [--duration S]
                    [--concurrency 8] [--sessions N] [--k 10] [--json]   (HR@k/MRR@k after the first click, repeat vs new)
        """;

    public static int Run(IReadOnlyList<string> args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        if (args.Count == 0 || args[0] is "--help" or "-h" or "help")
        {
            (args.Count == 0 ? context.Error : context.Out).WriteLine(Usage);
            return args.Count == 0 ? ExitCodes.Usage : ExitCodes.Success;
        }

        var rest = args.Skip(1).ToArray();
        try
        {
            return args[0] switch
            {
                "train" => TrainCommand.Run(rest, context),
                "evaluate" => EvaluateCommand.Run(rest, context),
                "simulate" => SimulateCommand.Run(rest, context),
                "tune" => TuneCommand.Run(rest, context),
                _ => throw new CliUsageException($"unknown command '{args[0]}'."),
            };
        }
        catch (CliUsageException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            context.Error.WriteLine(Usage);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is DataFormatException or ModelDirectoryException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
