using SessionRec.Core.Items;
using SessionRec.Core.Ranking;
using SessionRec.Models.Knn;
using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Popularity;
using SessionRec.Models.Repeat;
using SessionRec.Models.Rules;
using SessionRec.Models.Tests.Support;

namespace SessionRec.Models.Tests.ModelDirectory;

/// <summary>Each kind through the registry: load, check, serve, describe. SASRec's are in SessionRec.Training.Tests (its files are written by the trainer's exporter).</summary>
public class ModelKindRegistryTests
{
    private static readonly ItemVocabulary Items = new(["a", "b", "c", "d", "e"]);
    private static readonly int[][] Sessions = [[1, 2, 3], [2, 4, 2], [3, 4, 5], [5], [1, 5, 4]];
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Popularity_loads_checks_serves_and_describes_its_counts()
    {
        using var dir = new TempDirectory();
        var fitted = PopularityModel.Fit(Items, Sessions);
        PopularityModelStore.Save(dir.Path, fitted);
        ModelFiles.WriteManifest(dir.Path, new ModelManifest { Type = PopularityModel.TypeName });

        var (kind, served, manifest, description) = await ModelKindRegistry.Default.LoadAsync(dir.Path, cancellationToken: Ct);

        Assert.Equal("popularity", kind.Name);
        Assert.Equal("popularity", manifest.Type);
        var model = Assert.IsType<RepeatAwareModel>(served).Inner;
        Assert.Empty(kind.Check(model));
        Assert.Equal(Top(fitted, [1]), Top(model, [1]));
        Assert.Equal(description, kind.Describe(model));
        Assert.Equal("popularity", description.Kind);
        Assert.Equal(5, description.Items);
        Assert.Null(description.ItemIndex);
        Assert.Equal(fitted.Counts, description.TrainingCounts);
    }

    [Fact]
    public async Task Vsknn_loads_checks_serves_and_describes_its_training_clicks()
    {
        using var dir = new TempDirectory();
        var fitted = new VsknnModel(Items, Sessions);
        VsknnModelStore.Save(dir.Path, fitted);
        ModelFiles.WriteManifest(dir.Path, new ModelManifest { Type = VsknnModel.TypeName, HyperParameters = VsknnModelStore.HyperParameters(fitted.Options) });

        var (kind, served, _, description) = await ModelKindRegistry.Default.LoadAsync(dir.Path, cancellationToken: Ct);

        Assert.Same(ModelKindRegistry.Default.For(served), kind);
        var model = Assert.IsType<RepeatAwareModel>(served).Inner;
        Assert.Empty(kind.Check(model));
        Assert.Equal(Top(fitted, [1, 2]), Top(model, [1, 2]));
        Assert.Equal("vsknn", description.Kind);
        Assert.Null(description.ItemIndex);
        // Clicks per item in the training sessions: b, d and e three times each, a and c twice.
        Assert.Equal(new long[] { 0, 2, 3, 2, 3, 3 }, description.TrainingCounts);
    }

    [Fact]
    public async Task Sequential_rules_load_with_their_hyper_parameters_check_serve_and_describe()
    {
        using var dir = new TempDirectory();
        var options = new SequentialRulesOptions { Steps = 2, MaxRulesPerItem = 3, HistoryDecay = 0.25f };
        var fitted = new SequentialRulesModel(Items, Sessions, options);
        SequentialRulesModelStore.Save(dir.Path, fitted);
        ModelFiles.WriteManifest(dir.Path, new ModelManifest { Type = SequentialRulesModel.TypeName, HyperParameters = SequentialRulesModelStore.HyperParameters(options) });

        var (kind, served, _, description) = await ModelKindRegistry.Default.LoadAsync(dir.Path, cancellationToken: Ct);

        Assert.Equal("sr", kind.Name);
        var model = Assert.IsType<SequentialRulesModel>(Assert.IsType<RepeatAwareModel>(served).Inner);
        Assert.Equal(options, model.Options);
        Assert.Empty(kind.Check(model));
        Assert.Equal(Top(fitted, [1, 2]), Top(model, [1, 2]));
        Assert.Equal(new long[] { 0, 2, 3, 2, 3, 3 }, description.TrainingCounts);
    }

    [Fact]
    public void The_check_refuses_an_empty_vocabulary_and_foreign_items()
    {
        var kind = ModelKindRegistry.Default.Get(VsknnModel.TypeName);
        var empty = new VsknnModel(new ItemVocabulary([]), [[]]);
        var noSessions = new VsknnModel(Items, []);

        Assert.Contains("the vocabulary is empty", kind.Check(empty));
        Assert.Contains("there are no training sessions", kind.Check(noSessions));
        Assert.Throws<ArgumentException>(() => kind.Check(PopularityModel.Fit(Items, Sessions)));
    }

    [Fact]
    public async Task A_model_that_fails_its_check_is_not_returned()
    {
        using var dir = new TempDirectory();
        ModelFiles.WriteManifest(dir.Path, new ModelManifest { Type = "fixed" });
        var registry = new ModelKindRegistry([new FixedKind(problem: "the fixture says no")]);

        var error = await Assert.ThrowsAsync<ModelDirectoryException>(() => registry.LoadAsync(dir.Path, cancellationToken: Ct));

        Assert.Contains("the fixture says no", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kinds_are_dispatched_on_the_manifest_type_and_unknown_types_name_the_known_ones()
    {
        using var dir = new TempDirectory();
        ModelFiles.WriteManifest(dir.Path, new ModelManifest { Type = "fixed" });
        var registry = new ModelKindRegistry([new FixedKind(problem: null), new PopularityModelKind()]);

        var loaded = await registry.LoadAsync(dir.Path, cancellationToken: Ct);
        Assert.Equal("fixed", loaded.Model.Name);
        Assert.IsType<FixedOrderModel>(Assert.IsType<RepeatAwareModel>(loaded.Model).Inner);
        Assert.IsType<FixedOrderModel>((await registry.LoadWithoutRepeatAsync(dir.Path, cancellationToken: Ct)).Model);
        Assert.Equal(["fixed", "popularity"], registry.Names);

        ModelFiles.WriteManifest(dir.Path, new ModelManifest { Type = "nope" });
        var error = await Assert.ThrowsAsync<ModelDirectoryException>(() => registry.LoadAsync(dir.Path, cancellationToken: Ct));
        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
        Assert.Contains("fixed, popularity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_registry_holds_every_shipped_kind()
    {
        Assert.Equal(["hybrid", "popularity", "sasrec", "sr", "vmisknn", "vsknn"], ModelKindRegistry.Default.Names);
    }

    private static ScoredItem[] Top(INextItemModel model, int[] session)
    {
        var top = new ScoredItem[3];
        int n = model.Recommend(session, session, top);
        return top[..n];
    }

    private sealed class FixedKind(string? problem) : ModelKind<FixedOrderModel>
    {
        public override string Name => "fixed";

        protected override Task<FixedOrderModel> LoadModelAsync(string directory, ModelManifest manifest, ModelLoadOptions options, CancellationToken cancellationToken) =>
            Task.FromResult(new FixedOrderModel(Items, [2, 1]));

        protected override IEnumerable<string> CheckModel(FixedOrderModel model) => problem is null ? [] : [problem];

        protected override ModelDescription DescribeModel(FixedOrderModel model) => new(Name, model.Vocabulary.Count, null, null);
    }
}
