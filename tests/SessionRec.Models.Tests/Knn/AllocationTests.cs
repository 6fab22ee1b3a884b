using SessionRec.Core.Ranking;
using SessionRec.Models.Knn;
using SessionRec.Models.Popularity;
using SessionRec.Models.Tests.Support;

namespace SessionRec.Models.Tests.Knn;

/// <summary>The server calls Recommend per request: once warm, the baselines must not allocate.</summary>
public class AllocationTests
{
    private static readonly int[][] Sessions = [.. Enumerable.Range(0, 500).Select(s => Enumerable.Range(0, 2 + (s % 7)).Select(i => 1 + ((s * 7) + (i * 13)) % 200).ToArray())];

    [Fact]
    public void Vsknn_allocates_nothing_per_call_once_warm()
    {
        var model = new VsknnModel(Vocabularies.OfSize(200), Sessions, new VsknnOptions { Neighbors = 20, SampleSize = 100 });

        Assert.Equal(0, AllocatedPerBatch(model));
    }

    [Fact]
    public void Popularity_allocates_nothing_per_call()
    {
        Assert.Equal(0, AllocatedPerBatch(PopularityModel.Fit(Vocabularies.OfSize(200), Sessions)));
    }

    private static long AllocatedPerBatch(INextItemModel model)
    {
        var top = new ScoredItem[20];
        int[] session = [3, 17, 42, 17, 99];
        for (int i = 0; i < 10; i++)
        {
            model.Recommend(session, session, top);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            model.Recommend(session, session, top);
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
