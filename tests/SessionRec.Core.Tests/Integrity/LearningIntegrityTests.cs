using SessionRec.Core.Metrics;
using SessionRec.Core.Serving;
using SessionRec.Core.Tests.Support;

namespace SessionRec.Core.Tests.Integrity;

/// <summary>Issue 10, finding 1: what one client can do to what the service learns.</summary>
public class LearningIntegrityTests
{
    private const string Unpopular = "i190";
    private const string Sybil = "203.0.113.7";

    [Fact]
    public async Task One_session_clicking_one_unpopular_item_3000_times_does_not_make_it_trend()
    {
        using var pipeline = new ServingPipeline();
        for (int i = 0; i < 3_000; i++)
        {
            await pipeline.ClickAsync("attacker", Unpopular);
        }

        pipeline.Time.Advance(TimeSpan.FromSeconds(2)); // past the trending list's one-second refresh
        double share = await pipeline.ShareOfNewSlatesAsync(slate => slate.Contains(Unpopular));

        Assert.True(share <= 0.10, $"the item was in {share:P0} of new visitors' slates");
    }

    [Fact]
    public async Task Repeated_rounds_of_recommend_and_click_from_one_session_reward_each_arm_once()
    {
        using var pipeline = new ServingPipeline();
        for (int round = 0; round < 1_500; round++)
        {
            var slate = await pipeline.RecommendAsync("attacker");
            await pipeline.ClickAsync("attacker", slate.Items[0]);
            pipeline.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var counts = await pipeline.Arms.GetAsync(ServingPipeline.ItemIds);
        Assert.All(counts, c => Assert.InRange(c.Successes + c.Failures, 0, 1));
    }

    [Fact]
    public async Task A_client_inventing_a_session_per_round_cannot_put_its_item_first_in_every_new_slate()
    {
        using var pipeline = new ServingPipeline();
        for (int round = 0; round < 1_500; round++)
        {
            string session = $"sybil-{round}";
            await pipeline.RecommendAsync(session);
            await pipeline.ClickAsync(session, Unpopular, source: Sybil);
        }

        pipeline.Time.Advance(TimeSpan.FromSeconds(2));
        double first = await pipeline.ShareOfNewSlatesAsync(slate => slate[0] == Unpopular);
        double anywhere = await pipeline.ShareOfNewSlatesAsync(slate => slate.Contains(Unpopular));

        Assert.True(first < 0.5, $"the item was first in {first:P0} of new slates");
        Assert.True(anywhere <= 0.10, $"the item was in {anywhere:P0} of new slates");
    }

    [Fact]
    public async Task A_patient_client_inventing_a_session_per_round_cannot_steer_the_bandit_to_a_candidate()
    {
        using var pipeline = new ServingPipeline();
        const string target = "i049"; // the last of the 50 trending items the bandit samples over
        for (int round = 0; round < 1_500; round++)
        {
            // One round a second: 25 minutes, well within the per-minute budget, so only the per-address ledger binds.
            string session = $"sybil-{round}";
            await pipeline.RecommendAsync(session);
            await pipeline.ClickAsync(session, target, source: Sybil);
            pipeline.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var counts = await pipeline.Arms.GetAsync(ServingPipeline.ItemIds);
        Assert.All(counts, c => Assert.InRange(c.Successes + c.Failures, 0, 1));
        Assert.InRange(counts.Sum(c => c.Successes + c.Failures), 1, new LearningOptions().MaxItemsPerSource);
        double first = await pipeline.ShareOfNewSlatesAsync(slate => slate[0] == target);
        Assert.True(first <= 0.10, $"the target was first in {first:P0} of new slates");
    }

    [Fact]
    public async Task A_client_inventing_a_session_per_click_counts_an_item_for_trending_once_per_window()
    {
        using var pipeline = new ServingPipeline();
        for (int round = 0; round < 1_500; round++)
        {
            await pipeline.ClickAsync($"sybil-{round}", Unpopular, source: Sybil);
            pipeline.Time.Advance(TimeSpan.FromSeconds(1));
        }

        double anywhere = await pipeline.ShareOfNewSlatesAsync(slate => slate.Contains(Unpopular));
        Assert.True(anywhere <= 0.10, $"the item was in {anywhere:P0} of new slates");
    }

    [Fact]
    public async Task Forged_legacy_feedback_for_lists_never_served_moves_hit_rate_by_nothing()
    {
        using var pipeline = new ServingPipeline();
        var before = await pipeline.Metrics.SnapshotAsync();
        for (int i = 0; i < 500; i++)
        {
            var hit = await pipeline.Feedback.ResolveClientListAsync(pipeline.Key($"forger-{i}"), ["i001", "i002", "i003"], "i001");
            Assert.Null(hit);
        }

        var after = await pipeline.Metrics.SnapshotAsync();
        Assert.Equal(before.Resolved, after.Resolved);
        Assert.Equal(before.HitRateAt10, after.HitRateAt10);
    }

    [Fact]
    public async Task Legacy_feedback_naming_a_served_list_resolves_it_once()
    {
        using var pipeline = new ServingPipeline();
        var slate = await pipeline.RecommendAsync("s");

        Assert.True(await pipeline.Feedback.ResolveClientListAsync(pipeline.Key("s"), slate.Items, slate.Items[0]));
        Assert.Null(await pipeline.Feedback.ResolveClientListAsync(pipeline.Key("s"), slate.Items, slate.Items[0]));
        Assert.Equal(1, (await pipeline.Metrics.SnapshotAsync()).Resolved);
    }

    [Fact]
    public async Task The_seed_client_click_then_legacy_feedback_resolves_each_recommendation_once()
    {
        using var pipeline = new ServingPipeline();
        const int served = 18;
        for (int i = 0; i < served; i++)
        {
            string session = $"seed-{i % 6}";
            var slate = await pipeline.RecommendAsync(session);
            await pipeline.ClickAsync(session, slate.Items[1]);
            await pipeline.Feedback.ResolveClientListAsync(pipeline.Key(session), slate.Items, slate.Items[1]);
        }

        var s = await pipeline.Metrics.SnapshotAsync();
        Assert.Equal(served, s.TotalRequests);
        Assert.Equal(served, s.Resolved);
    }

    [Fact]
    public async Task Bandit_rewards_from_one_session_are_bounded_per_minute()
    {
        using var pipeline = new ServingPipeline();
        int resolved = 0;
        for (int round = 0; round < 40; round++)
        {
            // A fresh slate each round, and clicked items outside it, so only the per-minute bound can stop it.
            var slate = await pipeline.RecommendAsync("busy", k: 3);
            await pipeline.ClickAsync("busy", ServingPipeline.ItemIds[199 - round]);
            resolved += slate.UsedColdStart ? 1 : 0;
        }

        var counts = await pipeline.Arms.GetAsync(ServingPipeline.ItemIds);
        long rewards = counts.Sum(c => c.Successes + c.Failures);
        Assert.True(resolved > 6);
        Assert.InRange(rewards, 1, 6 * 3);
    }

    [Fact]
    public async Task A_retried_click_with_the_same_event_id_is_stored_once()
    {
        using var pipeline = new ServingPipeline();
        Assert.True(await pipeline.ClickAsync("s", "i001", eventId: "e-1"));
        Assert.False(await pipeline.ClickAsync("s", "i001", eventId: "e-1"));
        Assert.True(await pipeline.ClickAsync("s", "i001", eventId: "e-2"));
        Assert.True(await pipeline.ClickAsync("s", "i001"));

        Assert.Equal(["i001", "i001", "i001"], await pipeline.Sessions.ReadAsync(pipeline.Key("s")));
        Assert.Equal(3, (await pipeline.Metrics.SnapshotAsync()).Clicks);
    }

    [Fact]
    public async Task Hit_rate_cutoff_still_counts_a_click_in_the_first_ten()
    {
        using var pipeline = new ServingPipeline();
        var slate = await pipeline.RecommendAsync("s", k: 20);
        await pipeline.ClickAsync("s", slate.Items[9]);

        var snapshot = await pipeline.Metrics.SnapshotAsync();
        Assert.Equal(1, snapshot.Hits);
        Assert.Equal(OnlineMetrics.HitRateCutoff, 10);
    }
}
