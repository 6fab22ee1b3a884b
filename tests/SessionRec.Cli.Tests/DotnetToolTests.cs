using System.Reflection;

namespace SessionRec.Cli.Tests;

/// <summary>The CLI as users get it: packed as a dotnet tool, installed from a local folder (no feed), run by name.</summary>
public class DotnetToolTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public async Task The_packed_tool_installs_from_a_local_folder_and_prints_its_version()
    {
        using var dir = new TempDirectory();
        string project = Path.Combine(RepositoryRoot.Require(), "src", "SessionRec.Cli", "SessionRec.Cli.csproj");
        string feed = dir.Combine("feed");
        string tools = dir.Combine("tools");
        var timeout = TimeSpan.FromMinutes(8);

        // Built with the tests already (same configuration and output paths), so pack only packs.
        var pack = await ProcessRun.RunAsync("dotnet", ["pack", project, "-c", Configuration, "--no-build", "-o", feed, "--nologo"], timeout);
        Assert.True(pack.ExitCode == 0, pack.Out + pack.Error);
        string package = Assert.Single(Directory.GetFiles(feed, "SessionRec.Cli.*.nupkg"));
        string version = Path.GetFileNameWithoutExtension(package)["SessionRec.Cli.".Length..];

        // A config with only the local folder: the install must not need any feed.
        string config = dir.File("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><clear /><add key="local" value="{feed}" /></packageSources>
            </configuration>
            """);
        var install = await ProcessRun.RunAsync("dotnet",
            ["tool", "install", "SessionRec.Cli", "--tool-path", tools, "--add-source", feed, "--configfile", config, "--version", version],
            timeout, workingDirectory: dir.Path);
        Assert.True(install.ExitCode == 0, install.Out + install.Error);

        var run = await ProcessRun.RunAsync(Path.Combine(tools, OperatingSystem.IsWindows() ? "sessionrec.exe" : "sessionrec"), ["--version"], TimeSpan.FromMinutes(1));

        Assert.Equal(0, run.ExitCode);
        string expected = typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(expected, run.Out.Trim());
        Assert.StartsWith(version, expected, StringComparison.Ordinal);
    }
}
