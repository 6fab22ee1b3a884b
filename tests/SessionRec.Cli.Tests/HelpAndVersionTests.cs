using System.Reflection;
using SessionRec.Cli.Tests.Support;

namespace SessionRec.Cli.Tests;

public class HelpAndVersionTests
{
    [Theory]
    [InlineData("train", "--data <PATH> (REQUIRED)", "--epochs <N>", "[default: 200]")]
    [InlineData("evaluate", "--model <DIR> (REQUIRED)", "--split <test|validation>", "[default: test]")]
    [InlineData("tune", "--validation <PATH>", "--objective <mrr|hr|hr-1se>", "--base <DIR>")]
    [InlineData("simulate", "--url <URL> (REQUIRED)", "--rate <X>", "[default: 50]")]
    [InlineData("demo-data", "--out <DIR> (REQUIRED)", "--seed <N>", "[default: 42]")]
    public void Every_command_has_generated_help(string command, params string[] expected)
    {
        var run = CliRun.Of(command, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"sessionrec {command} [options]", run.Out, StringComparison.Ordinal);
        foreach (string text in expected)
        {
            Assert.Contains(text, run.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Version_prints_the_assemblys_informational_version()
    {
        string expected = typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        var run = CliRun.Of("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, run.Out.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+", expected);
    }
}
