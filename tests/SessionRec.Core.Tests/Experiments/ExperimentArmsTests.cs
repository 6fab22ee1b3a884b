using Microsoft.Extensions.Time.Testing;
using SessionRec.Core.Experiments;
using SessionRec.Core.Privacy;
using SessionRec.Core.Serving;

namespace SessionRec.Core.Tests.Experiments;

public class ExperimentArmsTests
{
    private const int Sessions = 100_000;

    [Theory]
    [InlineData(new[] { 0.5, 0.5 })]
    [InlineData(new[] { 0.9, 0.1 })]
    [InlineData(new[] { 1.0, 1.0, 2.0 })]
    public void Splits_100k_sessions_by_weight_within_2_percent(double[] weights)
    {
        var arms = Arms(weights);
        var hasher = SessionIdHasher.WithRandomSecret();
        var counts = new Dictionary<string, int>();
        for (int i = 0; i < Sessions; i++)
        {
            string arm = arms.Assign(hasher.Hash($"visitor-{i}"))!.Name;
            counts[arm] = counts.GetValueOrDefault(arm) + 1;
        }

        double total = weights.Sum();
        for (int a = 0; a < weights.Length; a++)
        {
            double share = counts.GetValueOrDefault($"arm{a}") / (double)Sessions;
            Assert.InRange(share, (weights[a] / total) - 0.02, (weights[a] / total) + 0.02);
        }
    }

    [Fact]
    public void A_session_keeps_its_arm_on_every_replica()
    {
        byte[] secret = "a shared secret of every replica"u8.ToArray();
        var replicaA = (Hasher: new SessionIdHasher(secret), Arms: Arms([1, 1, 1]));
        var replicaB = (Hasher: new SessionIdHasher(secret), Arms: Arms([1, 1, 1]));
        for (int i = 0; i < 10_000; i++)
        {
            string id = $"visitor-{i}";
            var first = replicaA.Arms.Assign(replicaA.Hasher.Hash(id))!.Name;
            Assert.Equal(first, replicaA.Arms.Assign(replicaA.Hasher.Hash(id))!.Name);
            Assert.Equal(first, replicaB.Arms.Assign(replicaB.Hasher.Hash(id))!.Name);
        }
    }

    [Fact]
    public void Reweighting_moves_only_the_sessions_the_new_split_needs()
    {
        var arms = Arms([0.5, 0.5]);
        var hasher = SessionIdHasher.WithRandomSecret();
        var keys = Enumerable.Range(0, Sessions).Select(i => hasher.Hash($"v{i}")).ToArray();
        var before = keys.Select(k => arms.Assign(k)!.Name).ToArray();

        arms.Reweight([0.4, 0.6]);
        var after = keys.Select(k => arms.Assign(k)!.Name).ToArray();

        int moved = before.Zip(after).Count(p => p.First != p.Second);
        Assert.InRange(moved / (double)Sessions, 0.08, 0.12);
        Assert.All(before.Zip(after).Where(p => p.First != p.Second), p => Assert.Equal(("arm0", "arm1"), p));
        Assert.Equal([0.4, 0.6], arms.Weights);
    }

    [Fact]
    public void No_arms_means_no_experiment()
    {
        Assert.False(ExperimentArms.None.Active);
        Assert.Null(ExperimentArms.None.Assign(SessionIdHasher.WithRandomSecret().Hash("s")));
        Assert.Throws<ArgumentException>(() => Arms([0, 0]));
        Assert.Throws<ArgumentException>(() => Arms([1, double.NaN]));
    }

    [Fact]
    public void The_hit_rate_difference_carries_a_95_percent_interval()
    {
        // 60 % of 10,000 vs 58 % of 10,000: difference 2 points, standard error ≈ 0.69 points.
        var d = HitRateDifference.Between("a", 5_800, 10_000, 6_000, 10_000)!;
        Assert.Equal(0.02, d.Difference, 6);
        Assert.Equal(0.02 - (1.96 * 0.006936), d.Low, 4);
        Assert.Equal(0.02 + (1.96 * 0.006936), d.High, 4);
        Assert.True(d.Significant);

        var small = HitRateDifference.Between("a", 58, 100, 60, 100)!;
        Assert.False(small.Significant); // the same rates on 100 each: well within noise
        Assert.Null(HitRateDifference.Between("a", 0, 0, 5, 10));
    }

    private static ExperimentArms Arms(double[] weights)
    {
        var time = new FakeTimeProvider();
        return new ExperimentArms(
            [.. weights.Select((_, i) => new ExperimentArm($"arm{i}", new ModelSlot(), $"dir{i}", new ArmStats(time, TimeSpan.FromMinutes(5))))],
            weights);
    }
}
