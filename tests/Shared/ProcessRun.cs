using System.Diagnostics;

namespace SessionRec.Testing;

/// <summary>Runs a program to its end (killed after a timeout) and keeps its exit code and output.</summary>
internal sealed record ProcessRun(int ExitCode, string Out, string Error)
{
    public static async Task<ProcessRun> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout,
        string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not end within {timeout}: {await error}");
        }

        return new ProcessRun(process.ExitCode, await output, await error);
    }
}
