using System.Text.Json.Nodes;
using SessionRec.Core.Ranking;
using SessionRec.Models.Hybrid;
using SessionRec.Models.Knn;
using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Popularity;
using SessionRec.Models.Repeat;
using SessionRec.Models.Tests.Support;

namespace SessionRec.Models.Tests.ModelDirectory;

/// <summary>The model kinds added for session logs: VMIS-kNN, the repeat mixture in every manifest, and hybrids.</summary>
public class SessionModelDirectoryTests
{
    private static readonly int[][] Sessions = [[1, 2, 3], [2, 4], [3, 4, 5], [6, 1], [5, 6, 2]];

    [Fact]
    public void Vmisknn_is_rebuilt_with_its_hyper_parameters_and_the_repeat_mixture_of_the_manifest()
    {
        using var dir = new TempDirectory();
        var options = new VmisknnOptions { Neighbors = 3, SampleSize = 4, MaxSessionItems = 2, MatchDecay = 0.3f, IdfWeighting = 0.5f };
        var model = new VmisknnModel(Vocabularies.OfSize(6), Sessions, options);
        var repeat = new RepeatOptions { Weight = 0.2f, Decay = 0.7f };
        VmisknnModelStore.Save(dir.Path, model);
        var hyper = VmisknnModelStore.HyperParameters(options);
        hyper[RepeatModelStore.Key] = RepeatModelStore.ToJson(repeat);
        ModelFiles.WriteManifest(dir.Path, new ModelManifest { Type = model.Name, HyperParameters = hyper });

        var loaded = Assert.IsType<RepeatAwareModel>(ModelLoader.Load(dir.Path));

        Assert.Equal(repeat, loaded.Options);
        var inner = Assert.IsType<VmisknnModel>(loaded.Inner);
        Assert.Equal(options, inner.Options);
        Assert.Equal(Sessions, inner.Sessions);
        var expected = new ScoredItem[6];
        var actual = new ScoredItem[6];
        foreach (var session in Sessions)
        {
            int n = new RepeatAwareModel(model, repeat).Recommend(session, [], expected);
            Assert.Equal(n, loaded.Recommend(session, [], actual));
            Assert.Equal(expected[..n], actual[..n]);
        }
    }

    [Fact]
    public void A_manifest_without_repeat_settings_gets_the_defaults_and_sasrec_a_softmax()
    {
        Assert.Equal(new RepeatOptions(), RepeatModelStore.OptionsFrom(new ModelManifest { Type = "vsknn" }));
        Assert.Equal(ExploreScores.Softmax, RepeatModelStore.OptionsFrom(new ModelManifest { Type = "sasrec" }).Explore);
        var off = new ModelManifest { Type = "vsknn", HyperParameters = new JsonObject { ["repeat"] = new JsonObject { ["weight"] = 0f } } };
        Assert.Equal(0f, RepeatModelStore.OptionsFrom(off).Weight);
        var bad = new ModelManifest { Type = "vsknn", HyperParameters = new JsonObject { ["repeat"] = new JsonObject { ["decay"] = 2f } } };
        Assert.Contains("decay", Assert.Throws<ModelDirectoryException>(() => RepeatModelStore.OptionsFrom(bad)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hybrid_directory_blends_its_parts_by_weight()
    {
        using var knnDir = new TempDirectory();
        using var popDir = new TempDirectory();
        using var hybridDir = new TempDirectory();
        var knn = WriteParts(knnDir.Path, popDir.Path);
        HybridModelStore.Save(hybridDir.Path, [knnDir.Path, popDir.Path], [1f, 0f], new RepeatOptions { Weight = 0 });
        using var loaded = Assert.IsType<RepeatAwareModel>(ModelLoader.Load(hybridDir.Path));

        // All weight on the kNN part: the kNN's order, its scores normalized to sum to one over its list.
        Assert.Equal("hybrid", loaded.Name);
        var expected = new ScoredItem[6];
        var actual = new ScoredItem[6];
        int n = knn.Recommend([1, 3], [1, 3], expected);
        Assert.Equal(n, loaded.Recommend([1, 3], [1, 3], actual));
        Assert.Equal(expected[..n].Select(s => s.Index), actual[..n].Select(s => s.Index));
        float total = expected[..n].Sum(s => s.Score);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(expected[i].Score / total, actual[i].Score, 1e-5f);
        }
    }

    [Fact]
    public async Task Kinds_check_and_describe_the_inner_model_and_a_hybrid_loads_its_parts_through_the_registry()
    {
        using var knnDir = new TempDirectory();
        using var popDir = new TempDirectory();
        using var hybridDir = new TempDirectory();
        WriteParts(knnDir.Path, popDir.Path);
        HybridModelStore.Save(hybridDir.Path, [knnDir.Path, popDir.Path], [0.7f, 0.3f], new RepeatOptions { Weight = 0.2f });

        var vmisknn = await ModelKindRegistry.Default.LoadAsync(knnDir.Path, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("vmisknn", vmisknn.Kind.Name);
        Assert.Empty(vmisknn.Kind.Check(Assert.IsType<RepeatAwareModel>(vmisknn.Model).Inner));
        // The training sessions' clicks: items 1..6 twice, 3 times, twice, twice, twice, twice.
        Assert.Equal(new long[] { 0, 2, 3, 2, 2, 2, 2 }, vmisknn.Description.TrainingCounts);

        var (kind, served, _, description) = await ModelKindRegistry.Default.LoadAsync(hybridDir.Path, cancellationToken: TestContext.Current.CancellationToken);
        using var disposable = (IDisposable)served;
        var wrapper = Assert.IsType<RepeatAwareModel>(served);
        Assert.Equal(0.2f, wrapper.Options.Weight);
        var hybrid = Assert.IsType<HybridModel>(wrapper.Inner);
        Assert.Equal("hybrid", kind.Name);
        // Parts come bare: only the blend has a mixture.
        Assert.IsType<VmisknnModel>(hybrid.Parts[0].Model);
        Assert.IsType<PopularityModel>(hybrid.Parts[1].Model);
        Assert.Equal([0.7f, 0.3f], hybrid.Parts.Select(p => p.Weight));
        Assert.Equal(("hybrid", 6), (description.Kind, description.Items));
        Assert.Equal(vmisknn.Description.TrainingCounts, description.TrainingCounts);
        Assert.Empty(kind.Check(hybrid));
    }

    [Fact]
    public async Task A_hybrid_whose_part_fails_its_check_is_refused_naming_the_part()
    {
        using var knnDir = new TempDirectory();
        using var hybridDir = new TempDirectory();
        var knn = new VmisknnModel(Vocabularies.OfSize(6), Sessions);
        VmisknnModelStore.Save(knnDir.Path, knn);
        ModelFiles.WriteManifest(knnDir.Path, new ModelManifest { Type = knn.Name });
        HybridModelStore.Save(hybridDir.Path, [knnDir.Path], [1f], new RepeatOptions());
        // An empty sessions file: the part loads but fails the session-kNN check.
        File.WriteAllText(Path.Combine(hybridDir.Path, "part-0", VsknnModelStore.SessionsFile), "");

        var error = await Assert.ThrowsAsync<ModelDirectoryException>(
            () => ModelKindRegistry.Default.LoadAsync(hybridDir.Path, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("part-0", error.Message, StringComparison.Ordinal);
        Assert.Contains("there are no training sessions", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A VMIS-kNN directory and a popularity directory fitted on <see cref="Sessions"/>: two hybrid parts.</summary>
    private static VmisknnModel WriteParts(string knnDirectory, string popularityDirectory)
    {
        var vocabulary = Vocabularies.OfSize(6);
        var knn = new VmisknnModel(vocabulary, Sessions);
        VmisknnModelStore.Save(knnDirectory, knn);
        ModelFiles.WriteManifest(knnDirectory, new ModelManifest { Type = knn.Name, HyperParameters = VmisknnModelStore.HyperParameters(knn.Options) });
        var popularity = PopularityModel.Fit(vocabulary, Sessions);
        PopularityModelStore.Save(popularityDirectory, popularity);
        ModelFiles.WriteManifest(popularityDirectory, new ModelManifest { Type = popularity.Name });
        return knn;
    }
}
