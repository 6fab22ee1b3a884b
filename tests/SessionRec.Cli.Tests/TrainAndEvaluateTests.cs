using System.Text.Json.Nodes;
using SessionRec.Cli.Tests.Support;

namespace SessionRec.Cli.Tests;

public class TrainAndEvaluateTests
{
    [Fact]
    public void Popularity_on_a_sequence_file_trains_on_the_leave_one_out_part_and_evaluate_reproduces_the_test_figures()
    {
        using var dir = new TempDirectory();
        string data = GeneratedData.SequenceFile(dir);
        string model = dir.Combine("pop");

        var train = CliRun.Of("train", "--data", data, "--format", "sequences", "--out", model, "--model", "popularity");
        var evaluate = CliRun.Of("evaluate", "--model", model, "--data", data, "--json");

        Assert.Equal(0, train.ExitCode);
        Assert.Equal(0, evaluate.ExitCode);
        var manifest = ReadManifest(model);
        Assert.Equal("popularity", manifest["type"]!.GetValue<string>());
        Assert.Equal(300, manifest["dataset"]!["users"]!.GetValue<int>());
        Assert.Equal("leave-one-out", manifest["test"]!["protocol"]!.GetValue<string>());
        Assert.Equal(300, manifest["validation"]!["users"]!.GetValue<int>());
        Assert.True(File.Exists(Path.Combine(model, "items.txt")));
        Assert.True(File.Exists(Path.Combine(model, "counts.txt")));

        var json = JsonNode.Parse(evaluate.Out)!.AsObject();
        Assert.Equal("leave-one-out", json["protocol"]!.GetValue<string>());
        Assert.Equal(300, json["users"]!.GetValue<int>());
        foreach (string key in new[] { "hr@5", "ndcg@10", "mrr@20", "coverage@10" })
        {
            Assert.Equal(manifest["test"]![key]!.GetValue<double>(), json[key]!.GetValue<double>());
        }
    }

    [Fact]
    public void Sasrec_trains_writes_an_onnx_model_directory_and_evaluate_serves_it_with_the_same_figures()
    {
        using var dir = new TempDirectory();
        string data = GeneratedData.SequenceFile(dir);
        string sasrec = dir.Combine("sasrec");
        string pop = dir.Combine("pop");

        var train = CliRun.Of("train", "--data", data, "--out", sasrec, "--model", "sasrec", "--dim", "16", "--blocks", "1",
            "--heads", "1", "--max-len", "8", "--dropout", "0.1", "--epochs", "30", "--eval-every", "5", "--batch", "32", "--lr", "0.01",
            "--threads", "1", "--k", "10");
        CliRun.Of("train", "--data", data, "--out", pop, "--model", "popularity", "--k", "10");
        var evaluate = CliRun.Of("evaluate", "--model", sasrec, "--data", data, "--k", "10", "--json", "--threads", "1");

        Assert.Equal(0, train.ExitCode);
        Assert.Equal(0, evaluate.ExitCode);
        Assert.True(File.Exists(Path.Combine(sasrec, "model.onnx")));
        Assert.True(File.Exists(Path.Combine(sasrec, "item_embeddings.npy")));
        var manifest = ReadManifest(sasrec);
        Assert.Equal("sasrec", manifest["type"]!.GetValue<string>());
        Assert.Equal(16, manifest["hyper_parameters"]!["dim"]!.GetValue<int>());
        double hr = JsonNode.Parse(evaluate.Out)!["hr@10"]!.GetValue<double>();
        Assert.Equal(manifest["test"]!["hr@10"]!.GetValue<double>(), hr, 6);
        Assert.True(hr > 2 * ReadManifest(pop)["test"]!["hr@10"]!.GetValue<double>(), $"SASRec HR@10 {hr}");
    }

    [Fact]
    public void Vsknn_options_reach_the_manifest_and_it_beats_popularity_on_structured_data()
    {
        using var dir = new TempDirectory();
        string data = GeneratedData.SequenceFile(dir);
        string vsknn = dir.Combine("vsknn");
        string pop = dir.Combine("pop");

        var train = CliRun.Of("train", "--data", data, "--out", vsknn, "--model", "vsknn",
            "--neighbors", "20", "--sample-size", "200", "--idf-weighting", "0.5", "--normalize", "--k", "10");
        CliRun.Of("train", "--data", data, "--out", pop, "--model", "popularity", "--k", "10");
        var evaluate = CliRun.Of("evaluate", "--model", vsknn, "--data", data, "--k", "10", "--json", "--threads", "1");

        Assert.Equal(0, train.ExitCode);
        Assert.Contains("test: leave-one-out, 300 users", train.Out, StringComparison.Ordinal);
        var hyper = ReadManifest(vsknn)["hyper_parameters"]!;
        Assert.Equal(20, hyper["neighbors"]!.GetValue<int>());
        Assert.Equal(200, hyper["sample_size"]!.GetValue<int>());
        Assert.Equal(0.5f, hyper["idf_weighting"]!.GetValue<float>());
        Assert.True(hyper["normalize"]!.GetValue<bool>());
        double vsknnHr = JsonNode.Parse(evaluate.Out)!["hr@10"]!.GetValue<double>();
        Assert.Equal(ReadManifest(vsknn)["test"]!["hr@10"]!.GetValue<double>(), vsknnHr);
        Assert.True(vsknnHr > 0.5, $"V-SKNN HR@10 {vsknnHr}");
        Assert.True(vsknnHr > 2 * ReadManifest(pop)["test"]!["hr@10"]!.GetValue<double>());
    }

    [Fact]
    public void Click_logs_train_on_the_whole_file_and_evaluate_next_item_on_a_later_one()
    {
        using var dir = new TempDirectory();
        string train = GeneratedData.ClickLog(dir, "train.tsv", sessions: 200, firstSession: 1, seed: 5);
        string test = GeneratedData.ClickLog(dir, "test.tsv", sessions: 40, firstSession: 1000, seed: 6);
        string model = dir.Combine("vsknn");

        var trained = CliRun.Of("train", "--data", train, "--format", "sessions", "--out", model, "--model", "vsknn", "--test", test);
        var evaluate = CliRun.Of("evaluate", "--model", model, "--data", test, "--k", "5,20", "--exclude-seen", "false", "--json");
        var excluding = CliRun.Of("evaluate", "--model", model, "--data", test, "--protocol", "next-item", "--exclude-seen", "true", "--json");

        Assert.Equal(0, trained.ExitCode);
        Assert.Equal(0, evaluate.ExitCode);
        var manifest = ReadManifest(model);
        Assert.Equal("sessions", manifest["dataset"]!["format"]!.GetValue<string>());
        Assert.Null(manifest["validation"]);
        var json = JsonNode.Parse(evaluate.Out)!.AsObject();
        Assert.Equal("next-item", json["protocol"]!.GetValue<string>());
        Assert.False(json["exclude_seen"]!.GetValue<bool>());
        Assert.Equal(manifest["test"]!["predictions"]!.GetValue<int>(), json["predictions"]!.GetValue<int>());
        Assert.Equal(manifest["test"]!["hr@20"]!.GetValue<double>(), json["hr@20"]!.GetValue<double>());
        Assert.True(json.ContainsKey("mrr@5"));
        Assert.False(json.ContainsKey("hr@10"));
        Assert.True(JsonNode.Parse(excluding.Out)!["exclude_seen"]!.GetValue<bool>());
    }

    [Fact]
    public void Human_readable_output_is_a_table_per_split()
    {
        using var dir = new TempDirectory();
        string data = GeneratedData.SequenceFile(dir, users: 50);
        string model = dir.Combine("pop");
        CliRun.Of("train", "--data", data, "--out", model, "--model", "popularity");

        var run = CliRun.Of("evaluate", "--model", model, "--data", data, "--split", "validation", "--k", "10");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("popularity validation: leave-one-out, 50 users, exclude seen true", run.Out, StringComparison.Ordinal);
        Assert.Contains("Coverage", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Leave_one_out_on_another_file_than_the_training_one_warns()
    {
        using var dir = new TempDirectory();
        string data = GeneratedData.SequenceFile(dir, users: 50);
        string other = dir.File("other.txt", File.ReadAllText(data) + "extra item1 item2 item3\n");
        string model = dir.Combine("pop");
        CliRun.Of("train", "--data", data, "--out", model, "--model", "popularity");

        var same = CliRun.Of("evaluate", "--model", model, "--data", data, "--json");
        var different = CliRun.Of("evaluate", "--model", model, "--data", other, "--json");

        Assert.DoesNotContain("warning", same.Error, StringComparison.Ordinal);
        Assert.Equal(0, different.ExitCode);
        Assert.Contains("is not the file this model was trained on", different.Error, StringComparison.Ordinal);
        Assert.Equal(51, JsonNode.Parse(different.Out)!["users"]!.GetValue<int>());
    }

    private static JsonObject ReadManifest(string directory) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "manifest.json")))!.AsObject();
}
