using SessionRec.Core.Ranking;
using SessionRec.Training.Evaluation;
using Spectre.Console;

namespace SessionRec.Cli.Output;

/// <summary>Runs an evaluation, with a live Spectre progress bar (with ETA) on stderr when the context allows one.</summary>
public static class EvaluationRunner
{
    public static EvaluationResult Run(CliContext context, string label, INextItemModel model, EvaluationSet set, EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.ShowProgress)
        {
            return Evaluator.Evaluate(model, set, options);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Error) });
        EvaluationResult? result = null;
        console.Progress()
            .AutoClear(true)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(label), maxValue: Math.Max(set.Cases.Count, 1));
                long done = 0;
                var work = Task.Run(() => Evaluator.Evaluate(model, set, options, n => Interlocked.Add(ref done, n)));
                while (!work.Wait(TimeSpan.FromMilliseconds(150)))
                {
                    task.Value = Interlocked.Read(ref done);
                    ctx.Refresh();
                }

                task.Value = task.MaxValue;
                result = work.GetAwaiter().GetResult();
            });
        return result!;
    }
}
