using System.CommandLine;
using SessionRec.Cli.Arguments;

namespace SessionRec.Cli.Commands;

/// <summary><c>simulate</c>'s options.</summary>
internal sealed class SimulateCommandLine : Command
{
    public SimulateCommandLine()
        : base("simulate", "Replay a click log against a running service (recommend, feedback, click for every click) and report its hit rate.")
    {
        foreach (var option in (Option[])[Url, Data, Format, Rate, Duration, Concurrency, Sessions, K, Trace, Json])
        {
            Options.Add(option);
        }

        Url.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is { } url
                && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                r.AddError("--url must be an absolute http(s) URL.");
            }
        });
    }

    public Option<string> Url { get; } = CliOptions.Text("--url", "The service's base address, e.g. http://localhost:8000.", "URL", required: true);

    public Option<string> Data { get; } = CliOptions.ExistingFile("--data", "Sessions to replay, in order.", required: true);

    public Option<string> Format { get; } = CommonOptions.Format();

    public Option<double> Rate { get; } = CliOptions.Double("--rate", "Clicks per second over all sessions; 0: no pacing.", 50, min: 0);

    public Option<double> Duration { get; } = CliOptions.Double("--duration", "Stop after this many seconds; 0: replay everything.", 0, min: 0);

    public Option<int> Concurrency { get; } = CliOptions.Int("--concurrency", "Sessions replayed at once.", 8, min: 1);

    public Option<int?> Sessions { get; } = CliOptions.OptionalInt("--sessions", "Replay only the first N sessions.", min: 1);

    public Option<int> K { get; } = CliOptions.Int("--k", "Items asked per recommendation (HR@k, MRR@k).", 10, min: 1);

    public Option<string> Trace { get; } = CliOptions.Text("--trace", "Write every click and recommendation (no session ids) to this file as tab-separated lines, in order.", "FILE");

    public Option<bool> Json { get; } = CliOptions.Flag("--json", "Print HR@k and MRR@k (after the first click, after one click, repeat vs new targets) as JSON.");
}
