namespace SessionRec.Cli;

/// <summary>Where a command writes; tests pass string writers and no progress display.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, bool ShowProgress)
{
    public static CliContext FromConsole() => new(Console.Out, Console.Error, ShowProgress: !Console.IsErrorRedirected);
}
