using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Hosting;

/// <summary>A server that cannot start prints one line naming the setting or file, no stack trace, and exits with 1.</summary>
public sealed class StartupFailureTests
{
    public static TheoryData<string, string, string> Failures => new()
    {
        { "Sessions__MaxClicks", "0", "invalid settings in section 'Sessions'" },
        { "Sessions__MaxClicks", "many", "'Sessions:MaxClicks'" },
        { "Catalog__Path", "/nonexistent/catalog.csv", "Catalog:Path '/nonexistent/catalog.csv'" },
        { "Model__Path", "/nonexistent/model", "Model:Path '/nonexistent/model'" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_bad_setting_ends_the_start_with_one_line_and_exit_code_1(string variable, string value, string named)
    {
        using var server = ServerProcess.Start(new Dictionary<string, string>
        {
            [variable] = value,
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ServerProcess.FreeLoopbackPort()}",
        });

        int exitCode = await server.ExitCodeAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(1, exitCode);
        string line = Assert.Single(server.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("SessionRec did not start: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", server.Out + server.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_catalog_names_the_file_and_line()
    {
        using var dir = new TempDirectory();
        string catalog = dir.File("catalog.csv", "id,name\nP1,One\n");
        using var server = ServerProcess.Start(new Dictionary<string, string>
        {
            ["Catalog__Path"] = catalog,
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ServerProcess.FreeLoopbackPort()}",
        });

        Assert.Equal(1, await server.ExitCodeAsync(TimeSpan.FromSeconds(90)));
        Assert.Contains($"{catalog}:1: the header has no item_id column", server.Error, StringComparison.Ordinal);
    }
}
