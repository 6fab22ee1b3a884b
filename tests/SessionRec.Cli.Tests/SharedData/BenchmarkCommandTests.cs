using System.Text.Json.Nodes;
using SessionRec.Cli.Tests.Support;

namespace SessionRec.Cli.Tests.SharedData;

/// <summary>The documented benchmark commands, end to end; skipped where ../shared/data is absent.</summary>
public class BenchmarkCommandTests
{
    [Fact]
    public void Yoochoose_vsknn_trained_on_train_full_scores_next_item_on_test()
    {
        string train = SharedDataFiles.Require("yoochoose-100k/train_full.txt");
        string test = SharedDataFiles.Require("yoochoose-100k/test.txt");
        using var dir = new TempDirectory();
        string model = dir.Combine("vsknn");

        var trained = CliRun.Of("train", "--data", train, "--format", "sessions", "--out", model, "--model", "vsknn", "--test", test, "--k", "20");
        var evaluated = CliRun.Of("evaluate", "--model", model, "--data", test, "--format", "sessions", "--protocol", "next-item", "--k", "20", "--json");

        Assert.Equal(0, trained.ExitCode);
        Assert.Equal(0, evaluated.ExitCode);
        var json = JsonNode.Parse(evaluated.Out)!;
        Assert.Equal("next-item", json["protocol"]!.GetValue<string>());
        Assert.InRange(json["predictions"]!.GetValue<int>(), 9000, 13568);
        Assert.InRange(json["hr@20"]!.GetValue<double>(), 0.5, 0.9);
        Assert.InRange(json["mrr@20"]!.GetValue<double>(), 0.2, 0.6);
    }

    [Fact]
    public void Amazon_beauty_popularity_leave_one_out_is_in_the_published_range()
    {
        string data = SharedDataFiles.Require("amazon-beauty.txt");
        using var dir = new TempDirectory();
        string model = dir.Combine("pop");

        var trained = CliRun.Of("train", "--data", data, "--format", "sequences", "--out", model, "--model", "popularity");
        var evaluated = CliRun.Of("evaluate", "--model", model, "--data", data, "--json");

        Assert.Equal(0, trained.ExitCode);
        var json = JsonNode.Parse(evaluated.Out)!;
        Assert.Equal(22363, json["users"]!.GetValue<int>());
        Assert.InRange(json["hr@10"]!.GetValue<double>(), 0.005, 0.03);
    }
}
