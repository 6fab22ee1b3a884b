using SessionRec.Core.ColdStart;

namespace SessionRec.Core.Tests.ColdStart;

public class ThompsonSamplingBanditTests
{
    [Fact]
    public void Concentrates_on_the_best_arm_in_simulation()
    {
        string[] arms = [.. Enumerable.Range(0, 10).Select(i => $"item{i}")];
        double[] clickProbability = [0.02, 0.03, 0.04, 0.05, 0.05, 0.06, 0.08, 0.10, 0.12, 0.30];
        var bandit = new ThompsonSamplingBandit(TestOptions.ColdStart(), new Random(1));
        var world = new Random(2);
        var chosen = new string[1];
        var draws = new double[1];
        int bestInLastThousand = 0;

        for (int round = 0; round < 4000; round++)
        {
            bandit.Choose(arms, chosen, draws);
            int arm = Array.IndexOf(arms, chosen[0]);
            bandit.Reward(chosen[0], world.NextDouble() < clickProbability[arm]);
            if (round >= 3000 && arm == 9)
            {
                bestInLastThousand++;
            }
        }

        Assert.True(bestInLastThousand > 850, $"best arm chosen {bestInLastThousand}/1000 times");
        var (alpha, beta) = bandit.Posterior("item9");
        Assert.InRange(alpha / (alpha + beta), 0.25, 0.35);
    }

    [Fact]
    public void Returns_distinct_candidates_best_draw_first()
    {
        var bandit = new ThompsonSamplingBandit(TestOptions.ColdStart(), new Random(3));
        string[] candidates = ["a", "b", "c", "d", "e"];
        var chosen = new string[3];
        var draws = new double[3];

        int n = bandit.Choose(candidates, chosen, draws);

        Assert.Equal(3, n);
        Assert.Equal(3, chosen.Distinct().Count());
        Assert.All(chosen, c => Assert.Contains(c, candidates));
        Assert.True(draws[0] >= draws[1] && draws[1] >= draws[2]);
    }

    [Fact]
    public void Returns_fewer_when_there_are_fewer_candidates()
    {
        var bandit = new ThompsonSamplingBandit(TestOptions.ColdStart(), new Random(3));
        Assert.Equal(2, bandit.Choose(["a", "b"], new string[5], new double[5]));
        Assert.Equal(0, bandit.Choose([], new string[5], new double[5]));
    }

    [Fact]
    public void Posterior_counts_rewards_on_top_of_the_prior()
    {
        var bandit = new ThompsonSamplingBandit(TestOptions.ColdStart(o => { o.PriorAlpha = 2; o.PriorBeta = 3; }), new Random(1));
        bandit.Reward("x", true);
        bandit.Reward("x", false);
        bandit.Reward("x", false);

        Assert.Equal((3.0, 5.0), bandit.Posterior("x"));
        Assert.Equal((2.0, 3.0), bandit.Posterior("never-shown"));
    }
}
