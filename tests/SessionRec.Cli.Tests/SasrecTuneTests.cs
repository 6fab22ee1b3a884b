using System.Text.Json.Nodes;
using SessionRec.Cli.Commands;
using SessionRec.Cli.Tests.Support;
using SessionRec.Core.Ranking;
using SessionRec.Models.ModelDirectory;

namespace SessionRec.Cli.Tests;

public class SasrecTuneTests
{
    [Fact]
    public void Tune_sasrec_on_a_sequence_file_records_every_trial_and_writes_the_best_as_a_servable_directory()
    {
        using var dir = new TempDirectory();
        string data = GeneratedData.SequenceFile(dir, users: 300);
        string model = dir.Combine("tuned");

        var run = CliRun.Of("tune", "--model", "sasrec", "--data", data, "--budget", "0.1", "--out", model, "--threads", "1", "--seed", "3");

        Assert.Equal(0, run.ExitCode);
        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "tune.json")))!;
        var trials = record["trials"]!.AsArray();
        Assert.True(trials.Count >= 2, $"{trials.Count} trials");
        Assert.Equal("validation ndcg@10", record["selection"]!.GetValue<string>());
        // Trial 0 is today's defaults; the winner is the best validation NDCG@10 of them all, and only it is marked.
        var defaults = new SasrecTrainOptions();
        Assert.Equal(defaults.Dim, trials[0]!["settings"]!["dim"]!.GetValue<int>());
        Assert.Equal(defaults.Blocks, trials[0]!["settings"]!["blocks"]!.GetValue<int>());
        double best = trials.Max(t => t!["ndcg@10"]!.GetValue<double>());
        var winner = Assert.Single(trials, t => t!["won"]!.GetValue<bool>())!;
        Assert.Equal(best, winner["ndcg@10"]!.GetValue<double>());
        Assert.Equal(record["winner"]!.GetValue<int>(), winner["trial"]!.GetValue<int>());
        foreach (var t in trials)
        {
            Assert.True(t!["epochs_run"]!.GetValue<int>() >= 1);
            Assert.InRange(t["hr@10"]!.GetValue<double>(), 0, 1);
        }

        // The directory holds the winner's settings and weights: its manifest, and evaluate serving it, give the
        // winning trial's validation figure.
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "manifest.json")))!;
        Assert.Equal("sasrec", manifest["type"]!.GetValue<string>());
        Assert.Equal(winner["settings"]!["dim"]!.GetValue<int>(), manifest["hyper_parameters"]!["dim"]!.GetValue<int>());
        Assert.Equal(winner["settings"]!["loss"]!.GetValue<string>(), manifest["hyper_parameters"]!["loss"]!.GetValue<string>());
        Assert.Equal(best, manifest["validation"]!["ndcg@10"]!.GetValue<double>(), 1e-6); // the manifest rounds to 6 places
        var evaluate = CliRun.Of("evaluate", "--model", model, "--data", data, "--split", "validation", "--k", "10", "--json", "--threads", "1");
        Assert.Equal(0, evaluate.ExitCode);
        Assert.Equal(best, JsonNode.Parse(evaluate.Out)!["ndcg@10"]!.GetValue<double>(), 1e-4);
        Assert.Contains("best of", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tuned_sasrec_directory_loads_and_recommends_the_next_item_of_a_group()
    {
        using var dir = new TempDirectory();
        string data = GeneratedData.SequenceFile(dir, users: 300);
        string model = dir.Combine("tuned");
        Assert.Equal(0, CliRun.Of("tune", "--model", "sasrec", "--data", data, "--budget", "0.05", "--out", model, "--threads", "1").ExitCode);

        var loaded = ModelLoader.Load(model);
        try
        {
            // Items come in groups of five walked in order (GeneratedData): after item0, item1, item2 comes item3.
            int[] session = [.. new[] { "item0", "item1", "item2" }.Select(id => loaded.Vocabulary.TryGetIndex(id, out int index) ? index : -1)];
            var list = new ScoredItem[10];
            int found = loaded.Recommend(session, session, list);

            Assert.Equal(10, found);
            Assert.Contains(list, s => loaded.Vocabulary[s.Index] == "item3");
        }
        finally
        {
            (loaded as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void Tune_sasrec_on_a_click_log_validates_on_the_newest_sessions_and_refits_the_winner()
    {
        using var dir = new TempDirectory();
        string train = GeneratedData.ClickLog(dir, "train.tsv", sessions: 300, firstSession: 1, seed: 5);
        string model = dir.Combine("tuned");

        var run = CliRun.Of("tune", "--model", "sasrec", "--data", train, "--budget", "0.05", "--out", model, "--threads", "1",
            "--record", dir.Combine("record/sasrec.json"));

        Assert.Equal(0, run.ExitCode);
        var record = JsonNode.Parse(File.ReadAllText(dir.Combine("record/sasrec.json")))!;
        Assert.Contains("newest", record["validation"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(record["trials"]!.AsArray().Count >= 2);
        var hyper = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "manifest.json")))!["hyper_parameters"]!;
        Assert.True(hyper["refit_epochs"]!.GetValue<int>() >= 1);
    }

    [Fact]
    public void Tune_sasrec_takes_a_validation_file_for_a_click_log()
    {
        using var dir = new TempDirectory();
        string train = GeneratedData.ClickLog(dir, "train.tsv", sessions: 200, firstSession: 1, seed: 5);
        string valid = GeneratedData.ClickLog(dir, "valid.tsv", sessions: 40, firstSession: 1000, seed: 6);
        string model = dir.Combine("tuned");

        var run = CliRun.Of("tune", "--model", "sasrec", "--data", train, "--validation", valid, "--budget", "0.05", "--out", model, "--threads", "1");

        Assert.Equal(0, run.ExitCode);
        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "tune.json")))!;
        Assert.Equal(valid, record["validation"]!.GetValue<string>());
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "manifest.json")))!;
        Assert.Null(manifest["hyper_parameters"]!["refit_epochs"]);
        double best = record["trials"]!.AsArray().Max(t => t!["ndcg@10"]!.GetValue<double>());
        Assert.Equal(best, manifest["validation"]!["ndcg@10"]!.GetValue<double>(), 1e-6); // the manifest rounds to 6 places
    }

    [Theory]
    [InlineData("--budget must be a number in [0.01", "--model", "sasrec", "--budget", "-1")]
    [InlineData("--model must be one of", "--model", "gru4rec")]
    [InlineData("--validation is for click logs", "--model", "sasrec", "--validation", "DATA")]
    [InlineData("--k does not apply to --model sasrec", "--model", "sasrec", "--k", "20")]
    public void Bad_sasrec_tune_arguments_exit_with_2_and_say_why(string expected, params string[] extra)
    {
        using var dir = new TempDirectory();
        string data = GeneratedData.SequenceFile(dir, users: 10);
        string[] args = ["tune", "--data", data, "--out", dir.Combine("m"), .. extra];

        var run = CliRun.Of([.. args.Select(a => a == "DATA" ? data : a)]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("m")));
    }
}
