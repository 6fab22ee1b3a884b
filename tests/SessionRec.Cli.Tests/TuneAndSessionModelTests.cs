using System.Text.Json.Nodes;
using SessionRec.Cli.Simulation;
using SessionRec.Cli.Tests.Support;

namespace SessionRec.Cli.Tests;

public class TuneAndSessionModelTests
{
    [Fact]
    public void A_click_log_trains_vmisknn_by_default_with_the_repeat_mixture_in_its_manifest()
    {
        using var dir = new TempDirectory();
        string train = GeneratedData.ClickLog(dir, "train.tsv", sessions: 200, firstSession: 1, seed: 5);
        string model = dir.Combine("default");

        var run = CliRun.Of("train", "--data", train, "--format", "sessions", "--out", model, "--repeat-weight", "0.2");

        Assert.Equal(0, run.ExitCode);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "manifest.json")))!;
        Assert.Equal("vmisknn", manifest["type"]!.GetValue<string>());
        Assert.Equal(0.2f, manifest["hyper_parameters"]!["repeat"]!["weight"]!.GetValue<float>());
        Assert.Equal(250, manifest["hyper_parameters"]!["sample_size"]!.GetValue<int>());
    }

    [Fact]
    public void Options_of_another_kind_are_rejected()
    {
        using var dir = new TempDirectory();
        string train = GeneratedData.ClickLog(dir, "train.tsv", sessions: 20, firstSession: 1, seed: 5);

        var run = CliRun.Of("train", "--data", train, "--out", dir.Combine("m"), "--model", "vsknn", "--match-decay", "0.1");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--match-decay only apply to --model vmisknn or hybrid", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Tune_searches_on_the_validation_file_writes_the_record_and_the_best_model()
    {
        using var dir = new TempDirectory();
        string train = GeneratedData.ClickLog(dir, "train.tsv", sessions: 200, firstSession: 1, seed: 5);
        string valid = GeneratedData.ClickLog(dir, "valid.tsv", sessions: 40, firstSession: 1000, seed: 6);
        string model = dir.Combine("tuned");

        var run = CliRun.Of("tune", "--model", "vsknn", "--data", train, "--validation", valid, "--out", model, "--budget", "0.02", "--threads", "1");

        Assert.Equal(0, run.ExitCode);
        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "tune.json")))!.AsArray();
        Assert.NotEmpty(record);
        Assert.Equal("(defaults)", record[0]!["options"]!.GetValue<string>());
        double best = record.Max(t => t!["mrr@20"]!.GetValue<double>());
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "manifest.json")))!;
        Assert.Equal("vsknn", manifest["type"]!.GetValue<string>());
        // The written model is the best trial, measured again on the validation file by train (the manifest rounds to 6 places).
        Assert.Equal(best, manifest["validation"]!["mrr@20"]!.GetValue<double>(), 5);
        Assert.Contains("best of", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Tune_base_rewrites_only_the_repeat_mixture_of_a_model_directory()
    {
        using var dir = new TempDirectory();
        string train = GeneratedData.ClickLog(dir, "train.tsv", sessions: 200, firstSession: 1, seed: 5);
        string valid = GeneratedData.ClickLog(dir, "valid.tsv", sessions: 40, firstSession: 1000, seed: 6);
        string model = dir.Combine("pop");
        CliRun.Of("train", "--data", train, "--format", "sessions", "--model", "popularity", "--out", model, "--repeat-weight", "0");

        var run = CliRun.Of("tune", "--base", model, "--validation", valid, "--threads", "1");

        Assert.Equal(0, run.ExitCode);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "manifest.json")))!;
        Assert.Equal("popularity", manifest["type"]!.GetValue<string>());
        Assert.Contains("without the mixture", run.Out, StringComparison.Ordinal);
        Assert.NotNull(manifest["hyper_parameters"]!["repeat"]!["decay"]);
    }

    [Fact]
    public void Tune_hybrid_blends_three_parts_on_the_weight_grid_and_writes_the_best()
    {
        using var dir = new TempDirectory();
        string train = GeneratedData.ClickLog(dir, "train.tsv", sessions: 200, firstSession: 1, seed: 5);
        string valid = GeneratedData.ClickLog(dir, "valid.tsv", sessions: 40, firstSession: 1000, seed: 6);
        string[] kinds = ["vsknn", "vmisknn", "popularity"];
        foreach (var kind in kinds)
        {
            CliRun.Of("train", "--data", train, "--format", "sessions", "--model", kind, "--out", dir.Combine(kind));
        }

        string model = dir.Combine("hybrid");
        var run = CliRun.Of("tune", "--model", "hybrid", "--parts", string.Join(',', kinds.Select(dir.Combine)), "--validation", valid,
            "--step", "0.5", "--objective", "hr", "--min-mrr", "0", "--threads", "1", "--out", model);

        Assert.Equal(0, run.ExitCode);
        // Weight vectors summing to 1 on a 0.5 grid over three parts: six of them, each reported.
        Assert.Equal(6, run.Out.Split('\n').Count(l => l.StartsWith("weights ", StringComparison.Ordinal)));
        var parts = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "manifest.json")))!["hyper_parameters"]!["parts"]!.AsArray();
        Assert.Equal(kinds, parts.Select(p => p!["type"]!.GetValue<string>()));
        Assert.Equal(1f, parts.Sum(p => p!["weight"]!.GetValue<float>()), 4);
        // The written hybrid is the best HR@20 of the grid, measured again by evaluate on the same file.
        double best = run.Out.Split('\n').Where(l => l.StartsWith("weights ", StringComparison.Ordinal))
            .Max(l => double.Parse(l.Split("HR@20 ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
        var evaluation = CliRun.Of("evaluate", "--model", model, "--data", valid, "--format", "sessions", "--protocol", "next-item",
            "--exclude-seen", "false", "--k", "20", "--json");
        Assert.Equal(0, evaluation.ExitCode);
        Assert.Equal(best, JsonNode.Parse(evaluation.Out)!["hr@20"]!.GetValue<double>(), 4);
    }

    [Fact]
    public void Tune_hybrid_rejects_a_floor_it_cannot_use_and_a_step_that_does_not_divide_one()
    {
        using var dir = new TempDirectory();
        string valid = GeneratedData.ClickLog(dir, "valid.tsv", sessions: 10, firstSession: 1, seed: 6);

        var floor = CliRun.Of("tune", "--model", "hybrid", "--parts", "a,b", "--validation", valid, "--min-mrr", "0.3", "--out", dir.Combine("h"));
        var step = CliRun.Of("tune", "--model", "hybrid", "--parts", "a,b", "--validation", valid, "--step", "0.3", "--out", dir.Combine("h"));

        Assert.Contains("--min-mrr applies only with --objective hr", floor.Error, StringComparison.Ordinal);
        Assert.Contains("--step must divide 1", step.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulation_stats_split_predictions_after_the_first_click_by_repeat_and_new_targets()
    {
        var stats = new SimulationStats();
        stats.Prediction(rank: 3, clicksBefore: 0, repeat: false);  // first click: counted only in "all"
        stats.Prediction(rank: 0, clicksBefore: 1, repeat: true);
        stats.Prediction(rank: -1, clicksBefore: 1, repeat: false);
        stats.Prediction(rank: 11, clicksBefore: 2, repeat: false);

        Assert.Equal(4, stats.All.Predictions);
        Assert.Equal(3, stats.AfterFirstClick.Predictions);
        Assert.Equal(2.0 / 3, stats.AfterFirstClick.HitRate, 9);
        Assert.Equal((1.0 + (1.0 / 12)) / 3, stats.AfterFirstClick.Mrr, 9);
        Assert.Equal(2, stats.AfterOneClick.Predictions);
        Assert.Equal(1.0, stats.RepeatTargets.Mrr, 9);
        Assert.Equal(2, stats.NewTargets.Predictions);
        Assert.Equal(1.0 / 24, stats.NewTargets.Mrr, 9);
        // Hit rate@10 (the original figure, in percent) counts ranks 0..9 only: 1 of the 3 later predictions.
        Assert.Equal(100.0 / 3, stats.HitRateAfterFirstClick, 9);
    }
}
