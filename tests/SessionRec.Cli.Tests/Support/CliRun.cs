namespace SessionRec.Cli.Tests.Support;

/// <summary>Runs the CLI in-process and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun Of(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApp.Run(args, new CliContext(output, error, ShowProgress: false));
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
