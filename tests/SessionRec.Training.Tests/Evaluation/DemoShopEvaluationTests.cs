using SessionRec.Models.Demo;
using SessionRec.Models.Knn;
using SessionRec.Models.Popularity;
using SessionRec.Training.Evaluation;

namespace SessionRec.Training.Tests.Evaluation;

/// <summary>The generated demo shop (what the server serves on a fresh clone) is worth a session model.</summary>
public class DemoShopEvaluationTests
{
    [Fact]
    public void Session_knn_clearly_beats_popularity_on_the_demo_so_the_demo_is_meaningful()
    {
        var log = DemoDataGenerator.Generate(1200, 22_000, seed: 42).Sessions;
        var train = log.Sequences.Take(20_000).ToArray();
        var set = NextItemProtocol.Create([.. log.Sequences.Skip(20_000)]); // held-out sessions of the same shop
        var options = new EvaluationOptions { Ks = [10] };

        var knn = Evaluator.Evaluate(new VsknnModel(log.Vocabulary, train), set, options).At(10);
        var pop = Evaluator.Evaluate(PopularityModel.Fit(log.Vocabulary, train), set, options).At(10);

        Assert.True(knn.HitRate > 2 * pop.HitRate, $"V-SKNN HR@10 {knn.HitRate:F3} vs popularity {pop.HitRate:F3}");
        TestContext.Current.SendDiagnosticMessage($"demo next-item HR@10: V-SKNN {knn.HitRate:F3}, popularity {pop.HitRate:F3}");
    }
}
