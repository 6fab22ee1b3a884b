using System.CommandLine;
using System.Globalization;
using SessionRec.Cli.Simulation;
using SessionRec.Models.Data;
using Spectre.Console;

namespace SessionRec.Cli.Commands;

/// <summary>
/// <c>simulate</c>: replays the sessions of a log against a running service (recommend, feedback, click for every
/// click), with a live display of requests, errors and the hit rate so far.
/// </summary>
public static class SimulateCommand
{
    internal static int Run(ParseResult parsed, SimulateCommandLine c, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(context);
        var baseAddress = new Uri(parsed.GetValue(c.Url)!);
        string dataPath = parsed.GetValue(c.Data)!;
        var format = CommonOptions.ParseFormat(parsed.GetValue(c.Format)) ?? DataFormatDetector.Detect(dataPath);
        double duration = parsed.GetValue(c.Duration);
        string? tracePath = parsed.GetValue(c.Trace);
        using var trace = tracePath is null ? null : new SimulationTrace(new StreamWriter(tracePath));
        var options = new SimulationOptions
        {
            ClicksPerSecond = parsed.GetValue(c.Rate),
            Duration = duration > 0 ? TimeSpan.FromSeconds(duration) : null,
            Concurrency = parsed.GetValue(c.Concurrency),
            K = parsed.GetValue(c.K),
            Trace = trace,
        };
        var data = DataArguments.Load(dataPath, format);
        int limit = parsed.GetValue(c.Sessions) ?? data.Sequences.Count;
        var sessions = data.Sequences.Take(limit)
            .Select(s => (IReadOnlyList<string>)[.. s.Select(i => data.Vocabulary[i])])
            .ToArray();

        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            http.GetAsync("/api/v1/health").GetAwaiter().GetResult().Dispose();
        }
        catch (HttpRequestException e)
        {
            context.Error.WriteLine($"error: cannot reach {baseAddress}: {e.Message}");
            return ExitCodes.Failure;
        }

        var simulator = new TrafficSimulator(http, options);
        var run = Task.Run(() => simulator.RunAsync(sessions));
        Display(context, simulator.Stats, sessions.Length, run);
        run.GetAwaiter().GetResult();

        var s = simulator.Stats;
        if (parsed.GetValue(c.Json))
        {
            context.Out.WriteLine(SimulationJson.ToJson(s, options.K, sessions.Length).ToJsonString());
            return s.Errors == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }

        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sessions {s.SessionsDone}/{sessions.Length}, requests {s.Requests}, errors {s.Errors}, skipped unknown clicks {s.SkippedClicks}"));
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hit rate@10 {s.HitRate:F2}% over {s.Predictions} recommendations; {s.HitRateAfterFirstClick:F2}% over the {s.PredictionsAfterFirstClick} made after a session's first click (the offline next-item protocol)"));
        foreach (var (label, q) in SimulationJson.Groups(s))
        {
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label}: HR@{options.K} {q.HitRate:F4} MRR@{options.K} {q.Mrr:F4} over {q.Predictions} predictions"));
        }

        return s.Errors == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static void Display(CliContext context, SimulationStats stats, int total, Task run)
    {
        if (!context.ShowProgress)
        {
            run.Wait();
            return;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Error) });
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("sessions", maxValue: Math.Max(total, 1));
                while (!run.Wait(TimeSpan.FromMilliseconds(250)))
                {
                    task.Value = stats.SessionsDone;
                    task.Description = string.Create(CultureInfo.InvariantCulture,
                        $"requests {stats.Requests}, errors {stats.Errors}, hit rate@10 {stats.HitRate:F1}%");
                    ctx.Refresh();
                }

                task.Value = task.MaxValue;
            });
    }
}
