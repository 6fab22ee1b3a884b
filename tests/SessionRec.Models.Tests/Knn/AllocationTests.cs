using SessionRec.Core.Ranking;
using SessionRec.Models.Knn;
using SessionRec.Models.Popularity;
using SessionRec.Models.Repeat;
using SessionRec.Models.Rules;
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
    public void Vmisknn_allocates_nothing_per_call_once_warm()
    {
        var model = new VmisknnModel(Vocabularies.OfSize(200), Sessions, new VmisknnOptions { Neighbors = 20, SampleSize = 100 });

        Assert.Equal(0, AllocatedPerBatch(model, excludeSeen: false));
    }

    [Fact]
    public void Sequential_rules_allocate_nothing_per_call_once_warm()
    {
        var model = new SequentialRulesModel(Vocabularies.OfSize(200), Sessions);

        Assert.Equal(0, AllocatedPerBatch(model, excludeSeen: false));
    }

    [Fact]
    public void The_repeat_mixture_allocates_nothing_per_call_once_warm()
    {
        var model = new RepeatAwareModel(new VmisknnModel(Vocabularies.OfSize(200), Sessions), new RepeatOptions());

        Assert.Equal(0, AllocatedPerBatch(model, excludeSeen: false));
    }

    [Fact]
    public void Popularity_allocates_nothing_per_call()
    {
        Assert.Equal(0, AllocatedPerBatch(PopularityModel.Fit(Vocabularies.OfSize(200), Sessions)));
    }

    /// <param name="excludeSeen">false keeps the session's items rankable, which is when the repeat mixture works.</param>
    private static long AllocatedPerBatch(INextItemModel model, bool excludeSeen = true)
    {
        var top = new ScoredItem[20];
        int[] session = [3, 17, 42, 17, 99];
        int[] exclude = excludeSeen ? session : [];
        for (int i = 0; i < 10; i++)
        {
            model.Recommend(session, exclude, top);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            model.Recommend(session, exclude, top);
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
