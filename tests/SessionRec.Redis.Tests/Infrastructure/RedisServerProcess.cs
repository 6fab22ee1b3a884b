using System.Diagnostics;
using System.Globalization;

namespace SessionRec.Redis.Tests.Infrastructure;

/// <summary>
/// One real redis-server on 127.0.0.1, started by the tests with persistence off in a temp dir, and stopped (or
/// killed mid-test) only through the process it started.
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(20);

    private readonly string[] _extraArgs;
    private Process? _process;

    private RedisServerProcess(int port, string directory, string[] extraArgs)
    {
        Port = port;
        Directory = directory;
        _extraArgs = extraArgs;
    }

    public int Port { get; }

    public string Directory { get; }

    public string EndPoint => $"127.0.0.1:{Port}";

    public static async Task<RedisServerProcess> StartAsync(params string[] extraArgs)
    {
        // A port picked as free can be taken before redis binds it; a few fresh picks make that harmless.
        for (int attempt = 1; ; attempt++)
        {
            var dir = System.IO.Directory.CreateTempSubdirectory("sessionrec-redis-").FullName;
            var server = new RedisServerProcess(FreePort.Next(), dir, extraArgs);
            try
            {
                await server.LaunchAsync();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>Hard stop (SIGKILL) of the redis-server this object started, as a crash would.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
            process.Dispose();
            _process = null;
        }
    }

    /// <summary>Freezes the server (SIGSTOP): connections stay open and nothing answers, as in a long stall.</summary>
    public Task PauseAsync() => SignalAsync("-STOP");

    /// <summary>Lets a paused server go on (SIGCONT).</summary>
    public Task ResumeAsync() => SignalAsync("-CONT");

    private async Task SignalAsync(string signal)
    {
        var process = _process ?? throw new InvalidOperationException("The server is not running.");
        using var kill = Process.Start(new ProcessStartInfo("kill", [signal, process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("kill did not start.");
        await kill.WaitForExitAsync();
    }

    /// <summary>A fresh, empty redis-server on the same port.</summary>
    public Task RestartAsync() => LaunchAsync();

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp dir left behind is harmless; a failed cleanup must not fail the run.
        }
    }

    private async Task LaunchAsync()
    {
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, WorkingDirectory = Directory };
        string[] args =
        [
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--dir", Directory, "--logfile", Path.Combine(Directory, "redis.log"), "--daemonize", "no", .. _extraArgs,
        ];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process = process;

        // A test host stopped early (Ctrl+C, SIGTERM) skips the fixtures' disposal; this still stops our server.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillQuietly(process);
        var deadline = Stopwatch.StartNew();
        while (!await RedisCli.PingAsync(Port))
        {
            if (process.HasExited || deadline.Elapsed > ReadyLimit)
            {
                await KillAsync();
                throw new InvalidOperationException($"redis-server on port {Port} did not become ready: {ReadLog()}");
            }

            await Task.Delay(50);
        }
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            process.Kill();
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already stopped and disposed: nothing of ours is left to stop.
        }
    }

    private string ReadLog()
    {
        var log = Path.Combine(Directory, "redis.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no log)";
    }
}
