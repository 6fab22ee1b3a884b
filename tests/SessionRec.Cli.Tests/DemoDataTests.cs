using SessionRec.Cli.Tests.Support;
using SessionRec.Core.Catalog;
using SessionRec.Models.Data;
using SessionRec.Models.Demo;

namespace SessionRec.Cli.Tests;

public class DemoDataTests
{
    [Fact]
    public void Demo_data_is_the_services_demo_shop_in_the_documented_formats_and_trains()
    {
        using var dir = new TempDirectory();
        string demo = dir.Combine("demo");

        var written = CliRun.Of("demo-data", "--out", demo);

        Assert.Equal(0, written.ExitCode);
        var expected = DemoDataGenerator.Generate();
        var catalog = CatalogFileReader.Read(Path.Combine(demo, "catalog.csv"));
        Assert.Equal(expected.Catalog.Count, catalog.Count);
        Assert.All(expected.Catalog, item => Assert.True(
            catalog.TryGet(item.ItemId, out var read) && CatalogItemComparer.Instance.Equals(item, read), item.ItemId));

        var all = ClickLogReader.Read(Path.Combine(demo, "sessions.tsv"));
        var train = ClickLogReader.Read(Path.Combine(demo, "train.tsv"));
        var test = ClickLogReader.Read(Path.Combine(demo, "test.tsv"));
        Assert.Equal(expected.Sessions.Interactions, all.Interactions);
        Assert.Equal(expected.Sessions.Sequences.Count, all.Sequences.Count);
        Assert.Equal(all.Interactions, train.Interactions + test.Interactions);
        Assert.Equal(expected.Sessions.Sequences.Count / 10, test.Sequences.Count);

        // The README's offline commands, on these files.
        var trained = CliRun.Of("train", "--data", Path.Combine(demo, "train.tsv"), "--out", dir.Combine("m"), "--test", Path.Combine(demo, "test.tsv"));
        Assert.Equal(0, trained.ExitCode);
        var evaluated = CliRun.Of("evaluate", "--model", dir.Combine("m"), "--data", Path.Combine(demo, "test.tsv"), "--k", "10", "--json");
        Assert.Equal(0, evaluated.ExitCode);
        Assert.Contains("\"hr@10\":", evaluated.Out, StringComparison.Ordinal);
    }

    private sealed class CatalogItemComparer : IEqualityComparer<CatalogItem>
    {
        public static readonly CatalogItemComparer Instance = new();

        public bool Equals(CatalogItem? x, CatalogItem? y) =>
            x is not null && y is not null && x.ItemId == y.ItemId && x.Name == y.Name && x.Category == y.Category
            && x.Attributes.Count == y.Attributes.Count && x.Attributes.All(a => y.Attributes.TryGetValue(a.Key, out var v) && v == a.Value);

        public int GetHashCode(CatalogItem obj) => obj.ItemId.GetHashCode(StringComparison.Ordinal);
    }
}
