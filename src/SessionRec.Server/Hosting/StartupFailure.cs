using System.Reflection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace SessionRec.Server.Hosting;

/// <summary>
/// A server that cannot start says why in one line on stderr and exits with 1, instead of a stack trace: the cause is
/// nearly always a setting (a bad value, a file that cannot be read, a port in use), and the line names it.
/// </summary>
public static class StartupFailure
{
    public const int ExitCode = 1;

    /// <summary>
    /// The server runs as its own program. Hosted in another (WebApplicationFactory runs Program in the test process),
    /// the failure must reach that host as an exception instead.
    /// </summary>
    public static bool IsOwnProcess => Assembly.GetEntryAssembly() == typeof(StartupFailure).Assembly;

    /// <summary>
    /// Until the host has started, the console shows only critical host messages: its "Hosting failed to start" error
    /// carries the full stack trace that the one line replaces. Other log providers (OTLP, tests' capture) keep it.
    /// </summary>
    public static void QuietenConsoleUntilStarted(ILoggingBuilder logging, Func<bool> started)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.AddFilter<ConsoleLoggerProvider>("Microsoft.Extensions.Hosting.Internal.Host",
            level => level >= (started() ? LogLevel.Information : LogLevel.Critical));
    }

    /// <summary>The one line: what failed and the setting or file it comes from.</summary>
    public static string Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var e = Unwrap(error);
        string reason = e switch
        {
            OptionsValidationException v => $"invalid settings in section '{SectionOf(v.OptionsType)}': {string.Join(" ", v.Failures)}",
            _ => e.Message,
        };
        return "SessionRec did not start: " + string.Join(' ', reason.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static Exception Unwrap(Exception e)
    {
        while (true)
        {
            switch (e)
            {
                case AggregateException { InnerExceptions.Count: 1 } a:
                    e = a.InnerExceptions[0];
                    break;
                case TargetInvocationException { InnerException: { } inner }:
                    e = inner;
                    break;
                default:
                    return e;
            }
        }
    }

    // Every options class declares its configuration section as SectionName.
    private static string SectionOf(Type optionsType) =>
        optionsType.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string ?? optionsType.Name;
}
