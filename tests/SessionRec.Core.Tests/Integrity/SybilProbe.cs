using SessionRec.Core.Tests.Support;

namespace SessionRec.Core.Tests.Integrity;

public class SybilProbe
{
    [Fact]
    public async Task Probe()
    {
        using var pipeline = new ServingPipeline();
        for (int round = 0; round < 1_500; round++)
        {
            string s = $"sybil-{round}";
            await pipeline.RecommendAsync(s);
            await pipeline.ClickAsync(s, "i190");
        }

        pipeline.Time.Advance(TimeSpan.FromSeconds(2));
        double first = await pipeline.ShareOfNewSlatesAsync(slate => slate[0] == "i190");
        double any = await pipeline.ShareOfNewSlatesAsync(slate => slate.Contains("i190"));
        Assert.Fail($"first {first:P1}, any {any:P1}");
    }
}
