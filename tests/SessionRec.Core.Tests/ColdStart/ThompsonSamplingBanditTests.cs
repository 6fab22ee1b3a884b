using SessionRec.Core.ColdStart;

namespace SessionRec.Core.Tests.ColdStart;

public class ThompsonSamplingBanditTests
{
    [Fact]
    public async Task Concentrates_on_the_best_arm_in_simulation()
    {
        string[] arms = [.. Enumerable.Range(0, 10).Select(i => $"item{i}")];
        double[] clickProbability = [0.02, 0.03, 0.04, 0.05, 0.05, 0.06, 0.08, 0.10, 0.12, 0.30];
        var bandit = new ThompsonSamplingBandit(TestOptions.ColdStart(), new Random(1), new InMemoryBanditArmStore());
        var world = new Random(2);
        var chosen = new string[1];
        var draws = new double[1];
        int bestInLastThousand = 0;

        for (int round = 0; round < 4000; round++)
        {
            await bandit.ChooseAsync(arms, chosen, draws);
            int arm = Array.IndexOf(arms, chosen[0]);
            await bandit.RewardAsync([new ArmReward(chosen[0], world.NextDouble() < clickProbability[arm])]);
            if (round >= 3000 && arm == 9)
            {
                bestInLastThousand++;
            }
        }

        Assert.True(bestInLastThousand > 850, $"best arm chosen {bestInLastThousand}/1000 times");
        var (alpha, beta) = await bandit.PosteriorAsync("item9");
        Assert.InRange(alpha / (alpha + beta), 0.25, 0.35);
    }

    [Fact]
    public async Task Returns_distinct_candidates_best_draw_first()
    {
        var bandit = new ThompsonSamplingBandit(TestOptions.ColdStart(), new Random(3), new InMemoryBanditArmStore());
        string[] candidates = ["a", "b", "c", "d", "e"];
        var chosen = new string[3];
        var draws = new double[3];

        int n = await bandit.ChooseAsync(candidates, chosen, draws);

        Assert.Equal(3, n);
        Assert.Equal(3, chosen.Distinct().Count());
        Assert.All(chosen, c => Assert.Contains(c, candidates));
        Assert.True(draws[0] >= draws[1] && draws[1] >= draws[2]);
    }

    [Fact]
    public async Task Returns_fewer_when_there_are_fewer_candidates()
    {
        var bandit = new ThompsonSamplingBandit(TestOptions.ColdStart(), new Random(3), new InMemoryBanditArmStore());
        Assert.Equal(2, await bandit.ChooseAsync(["a", "b"], new string[5], new double[5]));
        Assert.Equal(0, await bandit.ChooseAsync([], new string[5], new double[5]));
    }

    [Fact]
    public async Task Posterior_counts_rewards_on_top_of_the_prior()
    {
        var bandit = new ThompsonSamplingBandit(TestOptions.ColdStart(o => { o.PriorAlpha = 2; o.PriorBeta = 3; }), new Random(1), new InMemoryBanditArmStore());
        await bandit.RewardAsync([new ArmReward("x", true), new ArmReward("x", false)]);
        await bandit.RewardAsync([new ArmReward("x", false)]);

        Assert.Equal((3.0, 5.0), await bandit.PosteriorAsync("x"));
        Assert.Equal((2.0, 3.0), await bandit.PosteriorAsync("never-shown"));
    }

    [Fact]
    public async Task Falls_back_to_the_priors_when_the_arm_store_is_unreachable()
    {
        var bandit = new ThompsonSamplingBandit(TestOptions.ColdStart(), new Random(4), new UnreachableArms());
        var chosen = new string[2];

        int n = await bandit.ChooseAsync(["a", "b", "c"], chosen, new double[2]);

        Assert.Equal(2, n);
        Assert.All(chosen, c => Assert.Contains(c, new[] { "a", "b", "c" }));
    }

    private sealed class UnreachableArms : IBanditArmStore
    {
        public ValueTask<ArmCounts[]> GetAsync(IReadOnlyList<string> items, CancellationToken cancellationToken = default) =>
            throw new Core.Sessions.SessionStoreUnavailableException("down");

        public ValueTask AddAsync(IReadOnlyList<ArmReward> rewards, CancellationToken cancellationToken = default) =>
            throw new Core.Sessions.SessionStoreUnavailableException("down");
    }
}
