using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SessionRec.Server.Tests.Infrastructure;

/// <summary>
/// The built server as a real process (<c>dotnet SessionRec.Server.dll</c>), for what only a process shows: the
/// addresses Kestrel binds and how a failed start ends. Killed, by its own id, on dispose.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    // Settings a developer's shell might hold that would change what the server binds.
    private static readonly string[] AddressVariables =
        ["ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_HTTP_PORTS", "DOTNET_HTTPS_PORTS"];

    private readonly Process _process;
    private readonly List<string> _out = [];
    private readonly List<string> _error = [];
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Add(_out, e.Data, listening: true);
        process.ErrorDataReceived += (_, e) => Add(_error, e.Data, listening: false);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Out => Snapshot(_out);

    public string Error => Snapshot(_error);

    public static ServerProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        string server = Path.Combine(AppContext.BaseDirectory, "SessionRec.Server.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        // The server's own appsettings.json, as `dotnet run` reads it.
        foreach (string arg in (string[])[server, "--contentRoot", Path.Combine(RepositoryRoot.Require(), "src", "SessionRec.Server"),
            "--Model:DemoItems", "240", "--Model:DemoSessions", "3000", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (string name in AddressVariables)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new ServerProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start the server"));
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The first address Kestrel reports ("Now listening on: ..."), or the output when it ends first.</summary>
    public async Task<string> ListeningAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        var done = await Task.WhenAny(_listening.Task, exited, Task.Delay(timeout));
        return done == _listening.Task
            ? await _listening.Task
            : throw new InvalidOperationException($"the server did not report an address (exited: {_process.HasExited}).\nstdout:\n{Out}\nstderr:\n{Error}");
    }

    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Add(List<string> lines, string? line, bool listening)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Add(line);
        }

        const string Marker = "Now listening on: ";
        int at = line.IndexOf(Marker, StringComparison.Ordinal);
        if (listening && at >= 0)
        {
            _listening.TrySetResult(line[(at + Marker.Length)..].Trim());
        }
    }

    private static string Snapshot(List<string> lines)
    {
        lock (lines)
        {
            return string.Join('\n', lines);
        }
    }
}
