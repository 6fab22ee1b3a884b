using System.Text.Json.Nodes;
using SessionRec.Cli.Tests.Support;

namespace SessionRec.Cli.Tests;

public class HybridTrainTests
{
    // A SASRec small enough to train in seconds on the generated log.
    private static readonly string[] SmallSasrec =
        ["--dim", "16", "--blocks", "1", "--heads", "1", "--epochs", "6", "--eval-every", "1", "--patience", "2", "--seed", "1", "--threads", "1"];

    [Fact]
    public void Train_hybrid_tunes_the_blend_on_the_newest_sessions_and_writes_one_servable_directory_of_parts_trained_on_all()
    {
        using var dir = new TempDirectory();
        string train = GeneratedData.ClickLog(dir, "train.tsv", sessions: 300, firstSession: 1, seed: 5);
        string test = GeneratedData.ClickLog(dir, "test.tsv", sessions: 40, firstSession: 1000, seed: 6);
        string model = dir.Combine("hybrid");

        var run = CliRun.Of(["train", "--data", train, "--format", "sessions", "--model", "hybrid", "--out", model, "--test", test, .. SmallSasrec]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Holding out the newest 30 sessions", run.Out, StringComparison.Ordinal);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "manifest.json")))!;
        Assert.Equal("hybrid", manifest["type"]!.GetValue<string>());
        var parts = manifest["hyper_parameters"]!["parts"]!.AsArray();
        Assert.Equal(["vmisknn", "sasrec"], parts.Select(p => p!["type"]!.GetValue<string>()));
        Assert.Equal(1f, parts.Sum(p => p!["weight"]!.GetValue<float>()), 4);
        Assert.NotNull(manifest["validation"]);

        // The served SASRec learned every session, for the epoch count early stopping chose on the held-out ones.
        var sasrec = JsonNode.Parse(File.ReadAllText(Path.Combine(model, parts[1]!["path"]!.GetValue<string>(), "manifest.json")))!["hyper_parameters"]!;
        Assert.True(sasrec["refit"]!.GetValue<bool>());
        Assert.Equal(sasrec["best_epoch"]!.GetValue<int>(), sasrec["refit_epochs"]!.GetValue<int>());

        // The test figures in the manifest are the written directory's, as evaluate (and the server) load it.
        var evaluation = CliRun.Of("evaluate", "--model", model, "--data", test, "--format", "sessions", "--protocol", "next-item",
            "--exclude-seen", "false", "--k", "20", "--json");
        Assert.Equal(0, evaluation.ExitCode);
        Assert.Equal(manifest["test"]!["mrr@20"]!.GetValue<double>(), JsonNode.Parse(evaluation.Out)!["mrr@20"]!.GetValue<double>(), 5);
        Assert.True(manifest["test"]!["hr@20"]!.GetValue<double>() > 0.5, "the generated sessions walk item groups in order: easy to predict");
    }

    [Fact]
    public void Train_hybrid_with_a_validation_file_tunes_on_it_and_serves_the_parts_it_tuned_with_sasrec_runs_averaged()
    {
        using var dir = new TempDirectory();
        string train = GeneratedData.ClickLog(dir, "train.tsv", sessions: 200, firstSession: 1, seed: 5);
        string valid = GeneratedData.ClickLog(dir, "valid.tsv", sessions: 40, firstSession: 1000, seed: 6);
        string model = dir.Combine("hybrid");

        var run = CliRun.Of(["train", "--data", train, "--format", "sessions", "--model", "hybrid", "--out", model, "--validation", valid,
            "--sasrec-runs", "2", .. SmallSasrec]);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("Holding out", run.Out, StringComparison.Ordinal);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "manifest.json")))!;
        Assert.Equal(Path.GetFullPath(valid), manifest["hyper_parameters"]!["tuned_on"]!.GetValue<string>());
        var parts = manifest["hyper_parameters"]!["parts"]!.AsArray();
        Assert.Equal(["vmisknn", "sasrec", "sasrec"], parts.Select(p => p!["type"]!.GetValue<string>()));
        Assert.Equal(parts[1]!["weight"]!.GetValue<float>(), parts[2]!["weight"]!.GetValue<float>());
        var sasrec = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "part-1", "manifest.json")))!["hyper_parameters"]!;
        var second = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "part-2", "manifest.json")))!["hyper_parameters"]!;
        Assert.Null(sasrec["refit_epochs"]);
        Assert.Equal([1, 2], [sasrec["seed"]!.GetValue<int>(), second["seed"]!.GetValue<int>()]);

        // The manifest's validation figures are the tuned blend's on that file, which the written directory reproduces.
        var evaluation = CliRun.Of("evaluate", "--model", model, "--data", valid, "--format", "sessions", "--protocol", "next-item",
            "--exclude-seen", "false", "--k", "20", "--json");
        Assert.Equal(manifest["validation"]!["mrr@20"]!.GetValue<double>(), JsonNode.Parse(evaluation.Out)!["mrr@20"]!.GetValue<double>(), 5);
    }

    [Fact]
    public void Train_hybrid_rejects_a_given_repeat_mixture_and_sequence_files()
    {
        using var dir = new TempDirectory();
        string train = GeneratedData.ClickLog(dir, "train.tsv", sessions: 20, firstSession: 1, seed: 5);
        string sequences = GeneratedData.SequenceFile(dir, users: 20);

        var repeat = CliRun.Of("train", "--data", train, "--format", "sessions", "--model", "hybrid", "--out", dir.Combine("h"), "--repeat-weight", "0.3");
        var loo = CliRun.Of("train", "--data", sequences, "--model", "hybrid", "--out", dir.Combine("h2"));

        Assert.NotEqual(0, repeat.ExitCode);
        Assert.Contains("--repeat-weight: a hybrid tunes its repeat mixture", repeat.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, loo.ExitCode);
        Assert.Contains("--model hybrid is for click logs", loo.Error, StringComparison.Ordinal);
    }
}
