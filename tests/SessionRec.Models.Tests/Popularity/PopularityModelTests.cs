using SessionRec.Core.Ranking;
using SessionRec.Models.Popularity;
using SessionRec.Models.Tests.Support;

namespace SessionRec.Models.Tests.Popularity;

public class PopularityModelTests
{
    [Fact]
    public void Ranks_by_training_clicks_with_ties_to_the_lower_index_and_skips_excluded()
    {
        // Counts: 1→1, 2→3, 3→2, 4→2, 5→0.
        var model = PopularityModel.Fit(Vocabularies.OfSize(5), [[2, 3, 2], [4, 2, 1], [3, 4]]);
        var top = new ScoredItem[4];

        int n = model.Recommend([1], exclude: [3], top);

        Assert.Equal(4, n);
        Assert.Equal([2, 4, 1, 5], top.Select(t => t.Index));
        Assert.Equal([3f, 2f, 1f, 0f], top.Select(t => t.Score));
        Assert.Equal([0L, 1, 3, 2, 2, 0], model.Counts);
    }

    [Fact]
    public void Returns_fewer_when_the_catalog_runs_out()
    {
        var model = PopularityModel.Fit(Vocabularies.OfSize(3), [[1, 2, 3]]);
        var top = new ScoredItem[5];

        Assert.Equal(2, model.Recommend([], exclude: [2], top));
        Assert.Equal([1, 3], top[..2].Select(t => t.Index));
    }
}
