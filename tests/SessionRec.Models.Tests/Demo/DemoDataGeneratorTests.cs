using SessionRec.Models.Demo;
using SessionRec.Models.Popularity;

namespace SessionRec.Models.Tests.Demo;

public class DemoDataGeneratorTests
{
    [Fact]
    public void Same_seed_same_data_and_another_seed_differs()
    {
        var a = DemoDataGenerator.Generate(240, 500, seed: 7);
        var b = DemoDataGenerator.Generate(240, 500, seed: 7);
        var c = DemoDataGenerator.Generate(240, 500, seed: 8);

        Assert.Equal(a.Sessions.Sequences, b.Sessions.Sequences);
        Assert.Equal(a.Catalog.Select(i => i.Name), b.Catalog.Select(i => i.Name));
        Assert.NotEqual(a.Sessions.Sequences, c.Sessions.Sequences);
    }

    [Fact]
    public void Catalog_and_log_agree_and_every_click_is_a_catalog_item()
    {
        var demo = DemoDataGenerator.Generate(240, 2000);

        Assert.Equal(240, demo.Catalog.Count);
        Assert.Equal(240, demo.Sessions.Vocabulary.Count);
        Assert.Equal(2000, demo.Sessions.Sequences.Count);
        Assert.All(demo.Sessions.Sequences, s => Assert.All(s, i => Assert.InRange(i, 1, 240)));
        Assert.All(demo.Catalog, item => Assert.False(string.IsNullOrEmpty(item.Category)));
    }

    [Fact]
    public void Popularity_is_long_tailed_and_sessions_stay_mostly_in_one_category()
    {
        var demo = DemoDataGenerator.Generate();
        var counts = PopularityModel.Fit(demo.Sessions.Vocabulary, demo.Sessions.Sequences).Counts.Skip(1).OrderDescending().ToArray();
        long total = counts.Sum();
        double topTenPercentShare = (double)counts.Take(counts.Length / 10).Sum() / total;

        var category = demo.Catalog.ToDictionary(i => i.ItemId, i => i.Category);
        int sameCategory = 0, transitions = 0;
        foreach (var session in demo.Sessions.Sequences)
        {
            for (int i = 1; i < session.Length; i++)
            {
                transitions++;
                if (category[demo.Sessions.Vocabulary[session[i]]] == category[demo.Sessions.Vocabulary[session[i - 1]]])
                {
                    sameCategory++;
                }
            }
        }

        Assert.InRange(topTenPercentShare, 0.3, 0.9);
        Assert.True((double)sameCategory / transitions > 0.8, $"{sameCategory}/{transitions} transitions stay in the category");
        Assert.InRange(demo.Sessions.Interactions / (double)demo.Sessions.Sequences.Count, 3, 6);
    }
}
