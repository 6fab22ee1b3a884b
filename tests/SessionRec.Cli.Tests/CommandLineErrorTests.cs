using SessionRec.Cli.Arguments;
using SessionRec.Cli.Commands;
using SessionRec.Cli.Tests.Support;

namespace SessionRec.Cli.Tests;

public class CommandLineErrorTests
{
    [Fact]
    public void Sasrec_options_parse_into_the_training_settings()
    {
        using var dir = new TempDirectory();
        string data = GeneratedData.SequenceFile(dir, users: 10);
        string[] args = ["--data", data, "--out", dir.Combine("s"), "--model", "sasrec", "--epochs", "3", "--dim", "32", "--blocks", "1",
            "--heads", "2", "--max-len", "20", "--dropout", "0.3", "--attention-dropout", "0.2", "--loss", "bce", "--negatives", "7", "--lr", "0.01", "--weight-decay", "0.25",
            "--batch", "16", "--seed", "9", "--threads", "1", "--time-budget", "60", "--patience", "3", "--eval-every", "1"];

        var settings = TrainSettings.Parse(args);

        Assert.Equal(
            new SasrecTrainOptions
            {
                Epochs = 3, Dim = 32, Blocks = 1, Heads = 2, MaxLen = 20, Dropout = 0.3, AttentionDropout = 0.2, Loss = "bce", Negatives = 7,
                LearningRate = 0.01, WeightDecay = 0.25, Batch = 16, Seed = 9, Threads = 1, TimeBudgetSeconds = 60, Patience = 3,
                EvalEvery = 1,
            },
            settings.Sasrec);
        Assert.Equal(0.25f, SasrecTrainRun.Options(settings.Sasrec).WeightDecay);
    }

    [Theory]
    [InlineData("Unrecognized command or argument '--bogus'", "train", "--bogus", "1")]
    [InlineData("Option '--out' is required", "train", "--data", "DATA", "--model", "popularity")]
    [InlineData("Option '--data' is required", "evaluate", "--model", "x")]
    [InlineData("--loss must be one of ce|sampled|bce", "train", "--data", "DATA", "--out", "o", "--model", "sasrec", "--loss", "mse")]
    [InlineData("--dim 10 must be divisible by --heads 3", "train", "--data", "DATA", "--out", "o", "--model", "sasrec", "--dim", "10", "--heads", "3")]
    [InlineData("--neighbors only apply to --model vsknn", "train", "--data", "DATA", "--out", "o", "--model", "popularity", "--neighbors", "5")]
    [InlineData("--epochs only apply to --model sasrec", "train", "--data", "DATA", "--out", "o", "--model", "vsknn", "--epochs", "5")]
    [InlineData("--model must be one of", "train", "--data", "DATA", "--out", "o", "--model", "gru4rec")]
    [InlineData("--k must be positive integers", "evaluate", "--model", "m", "--data", "DATA", "--k", "10,x")]
    [InlineData("--exclude-seen must be true or false", "evaluate", "--model", "m", "--data", "DATA", "--exclude-seen", "maybe")]
    [InlineData("--protocol must be leave-one-out or next-item", "evaluate", "--model", "m", "--data", "DATA", "--protocol", "random")]
    [InlineData("--format must be sequences or sessions", "train", "--data", "DATA", "--out", "o", "--model", "vsknn", "--format", "parquet")]
    [InlineData("file not found", "train", "--data", "/nonexistent/file.txt", "--out", "o", "--model", "vsknn")]
    [InlineData("Required argument missing for option: '--threads'", "evaluate", "--model", "m", "--data", "DATA", "--threads")]
    [InlineData("Option '--model' expects a single argument but 2 were provided", "evaluate", "--model", "m", "--model", "n")]
    [InlineData("Unrecognized command or argument 'fit'", "fit")]
    [InlineData("--threads must be an integer ≥ 1, got '0'", "evaluate", "--model", "m", "--data", "DATA", "--threads", "0")]
    [InlineData("--dropout must be a number in [0, 0.99], got '1.5'", "train", "--data", "DATA", "--out", "o", "--model", "sasrec", "--dropout", "1.5")]
    [InlineData("--sample-size must be ≥ 1 for vmisknn", "train", "--data", "DATA", "--out", "o", "--model", "vmisknn", "--sample-size", "0")]
    [InlineData("--url must be an absolute http(s) URL", "simulate", "--url", "ftp://x", "--data", "DATA")]
    [InlineData("Option '--out' is required", "demo-data")]
    public void Bad_command_lines_exit_with_2_and_say_why(string expected, params string[] args)
    {
        using var dir = new TempDirectory();
        string data = GeneratedData.SequenceFile(dir, users: 10);

        var run = CliRun.Of([.. args.Select(a => a == "DATA" ? data : a)]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void No_arguments_prints_usage_and_exits_with_2()
    {
        var run = CliRun.Of();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("sessionrec [command] [options]", run.Error, StringComparison.Ordinal);
        foreach (var command in new[] { "train", "evaluate", "tune", "simulate", "demo-data" })
        {
            Assert.Contains($"  {command} ", run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_bad_command_line_points_at_that_commands_help()
    {
        var run = CliRun.Of("evaluate", "--model");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Run 'sessionrec evaluate --help' for usage.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_data_exits_with_1_naming_file_and_line()
    {
        using var dir = new TempDirectory();
        string data = dir.File("bad.tsv", "SessionId\tItemId\tTime\n1\tA\t1\n1\tB\n");

        var run = CliRun.Of("train", "--data", data, "--out", dir.Combine("m"), "--model", "popularity");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{data}:3:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_model_directory_type_exits_with_1()
    {
        using var dir = new TempDirectory();
        string data = GeneratedData.SequenceFile(dir, users: 10);
        string model = Directory.CreateDirectory(dir.Combine("m")).FullName;
        File.WriteAllText(Path.Combine(model, "manifest.json"), """{"type":"word2vec"}""");

        var run = CliRun.Of("evaluate", "--model", model, "--data", data);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no loader for model type 'word2vec'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_stand_alone_or_take_true_or_false_and_values_may_use_equals()
    {
        using var dir = new TempDirectory();
        string data = GeneratedData.SequenceFile(dir, users: 10);

        var plain = TrainSettings.Parse(["--data", data, "--out", "o", "--model", "vsknn", "--normalize", "--k=5,10", "--exclude-seen", "false"]);
        var off = TrainSettings.Parse(["--data", data, "--out", "o", "--model", "vsknn", "--normalize", "false"]);
        var negative = TrainSettings.Parse(["--data", data, "--out", "o", "--model", "sasrec", "--seed", "-3"]);

        Assert.True(plain.Vsknn.Normalize);
        Assert.Equal([5, 10], plain.Evaluation.Ks);
        Assert.False(plain.Evaluation.ExcludeSeen);
        Assert.False(off.Vsknn.Normalize);
        Assert.Null(off.Evaluation.ExcludeSeen);
        Assert.Equal(-3, negative.Sasrec.Seed);
        Assert.Throws<CliUsageException>(() => TrainSettings.Parse(["positional"]));
    }

    [Fact]
    public void Defaults_not_given_come_from_the_settings_records()
    {
        using var dir = new TempDirectory();
        string data = GeneratedData.SequenceFile(dir, users: 10);

        var settings = TrainSettings.Parse(["--data", data, "--out", "o", "--model", "sasrec", "--threads", "1"]);

        Assert.Equal(new SasrecTrainOptions { Threads = 1 }, settings.Sasrec);
        Assert.Equal(new SessionRec.Models.Knn.VsknnOptions(), TrainSettings.Parse(["--data", data, "--out", "o", "--model", "vsknn"]).Vsknn);
    }
}
