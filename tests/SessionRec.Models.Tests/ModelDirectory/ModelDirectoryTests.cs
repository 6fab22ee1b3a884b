using System.Text.Json.Nodes;
using SessionRec.Core.Items;
using SessionRec.Core.Ranking;
using SessionRec.Models.Knn;
using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Popularity;
using SessionRec.Models.Repeat;
using SessionRec.Models.Tests.Support;

namespace SessionRec.Models.Tests.ModelDirectory;

public class ModelDirectoryTests
{
    private static readonly ItemVocabulary Items = new(["x9", "a", "b-2", "c", "d"]);
    private static readonly int[][] Sessions = [[1, 2, 3], [2, 4, 2], [3, 4, 5], [5], [1, 5, 4]];

    [Fact]
    public void Popularity_round_trips_through_its_directory()
    {
        using var dir = new TempDirectory();
        var model = PopularityModel.Fit(Items, Sessions);
        PopularityModelStore.Save(dir.Path, model);
        ModelFiles.WriteManifest(dir.Path, new ModelManifest { Type = model.Name });

        var loaded = Assert.IsType<PopularityModel>(RepeatAwareModel.Unwrap(ModelLoader.Load(dir.Path)));

        Assert.Equal(Items.Ids, loaded.Vocabulary.Ids);
        Assert.Equal(model.Counts, loaded.Counts);
        Assert.Equal(Top(model, [1]), Top(loaded, [1]));
        Assert.Equal(Items.Ids, File.ReadAllLines(Path.Combine(dir.Path, ModelFiles.Items)));
    }

    [Fact]
    public void Vsknn_is_rebuilt_from_its_sessions_with_the_manifest_hyper_parameters()
    {
        using var dir = new TempDirectory();
        var options = new VsknnOptions { Neighbors = 3, SampleSize = 4, PositionDecay = 0.2f, MinPositionWeight = 0.3f, IdfWeighting = 0.5f, Normalize = true };
        var model = new VsknnModel(Items, Sessions, options);
        VsknnModelStore.Save(dir.Path, model);
        ModelFiles.WriteManifest(dir.Path, new ModelManifest { Type = model.Name, HyperParameters = VsknnModelStore.HyperParameters(options) });

        var loaded = Assert.IsType<VsknnModel>(RepeatAwareModel.Unwrap(ModelLoader.Load(dir.Path)));

        Assert.Equal(options, loaded.Options);
        Assert.Equal(Sessions, loaded.Sessions);
        foreach (var session in Sessions)
        {
            Assert.Equal(Top(model, session), Top(loaded, session));
        }
    }

    [Fact]
    public void Manifest_round_trips_with_snake_case_names()
    {
        using var dir = new TempDirectory();
        var manifest = new ModelManifest
        {
            Type = "vsknn",
            Created = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            HyperParameters = new JsonObject { ["neighbors"] = 7 },
            Dataset = new ManifestDataset { Path = "/d.txt", Fingerprint = "sha256:00", Format = "sequences", Users = 3, Items = 5, Interactions = 11 },
            Validation = new JsonObject { ["hr@10"] = 0.5 },
            Test = new JsonObject { ["hr@10"] = 0.25 },
        };

        ModelFiles.WriteManifest(dir.Path, manifest);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, ModelFiles.Manifest)))!;
        var read = ModelFiles.ReadManifest(dir.Path);

        Assert.Equal("vsknn", json["type"]!.GetValue<string>());
        Assert.Equal(7, json["hyper_parameters"]!["neighbors"]!.GetValue<int>());
        Assert.Equal(11, json["dataset"]!["interactions"]!.GetValue<long>());
        Assert.Equal(0.25, json["test"]!["hr@10"]!.GetValue<double>());
        Assert.Equal(manifest.Created, read.Created);
        Assert.Equal(manifest.Dataset, read.Dataset);
        Assert.Equal(0.5, read.Validation!["hr@10"]!.GetValue<double>());
    }

    [Fact]
    public void Unknown_types_and_missing_files_give_clear_errors()
    {
        using var dir = new TempDirectory();
        Assert.Contains("manifest.json", Assert.Throws<ModelDirectoryException>(() => ModelLoader.Load(dir.Path)).Message, StringComparison.Ordinal);

        ModelFiles.WriteManifest(dir.Path, new ModelManifest { Type = "word2vec" });
        var unknown = Assert.Throws<ModelDirectoryException>(() => ModelLoader.Load(dir.Path));
        Assert.Contains("'word2vec'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("popularity", unknown.Message, StringComparison.Ordinal);

        ModelFiles.WriteManifest(dir.Path, new ModelManifest { Type = "vsknn" });
        Assert.Contains("items.txt", Assert.Throws<ModelDirectoryException>(() => ModelLoader.Load(dir.Path)).Message, StringComparison.Ordinal);
    }

    private static ScoredItem[] Top(INextItemModel model, int[] session)
    {
        var top = new ScoredItem[5];
        int n = model.Recommend(session, session, top);
        return top[..n];
    }
}
