using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SessionRec.Core.Serving;

namespace SessionRec.Core.Tests.Serving;

public class SourceItemLedgerTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void An_address_rewards_each_arm_once_per_window()
    {
        var ledger = Ledger(new LearningOptions());
        Assert.Equal([true, true, false], Claim(ledger, "a", ["x", "y", "z"], [true, true, false]));
        Assert.Equal([false, false, true], Claim(ledger, "a", ["x", "y", "z"], [true, true, true]));
        Assert.Equal([true, true, true], Claim(ledger, "b", ["x", "y", "z"], [true, true, true]));

        _time.Advance(new LearningOptions().SourceWindow);
        Assert.Equal([true, true, true], Claim(ledger, "a", ["x", "y", "z"], [true, true, true]));
    }

    [Fact]
    public void An_address_rewards_at_most_its_allowance_of_arms_and_trending_items()
    {
        var ledger = Ledger(new LearningOptions { MaxItemsPerSource = 3 });
        Assert.Equal([true, true, true, false, false], Claim(ledger, "a", ["1", "2", "3", "4", "5"], [true, true, true, true, true]));
        Assert.True(ledger.TryClaimTrending("a", "1"));
        Assert.False(ledger.TryClaimTrending("a", "1"));
        Assert.True(ledger.TryClaimTrending("a", "2"));
        Assert.True(ledger.TryClaimTrending("a", "3"));
        Assert.False(ledger.TryClaimTrending("a", "4"));
    }

    [Fact]
    public void Unknown_addresses_and_a_disabled_ledger_are_not_limited()
    {
        var ledger = Ledger(new LearningOptions());
        var off = Ledger(new LearningOptions { MaxItemsPerSource = 0 });
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal([true], Claim(ledger, null, ["x"], [true]));
            Assert.True(ledger.TryClaimTrending(null, "x"));
            Assert.Equal([true], Claim(off, "a", ["x"], [true]));
            Assert.True(off.TryClaimTrending("a", "x"));
        }
    }

    [Fact]
    public void Past_the_tracked_addresses_new_ones_teach_nothing_until_the_window_turns()
    {
        var ledger = Ledger(new LearningOptions { MaxTrackedSources = 2 });
        Assert.True(ledger.TryClaimTrending("a", "x"));
        Assert.True(ledger.TryClaimTrending("b", "x"));
        Assert.False(ledger.TryClaimTrending("c", "x"));
        Assert.Equal([false], Claim(ledger, "c", ["y"], [true]));
        Assert.True(ledger.TryClaimTrending("a", "y"));

        _time.Advance(new LearningOptions().SourceWindow);
        Assert.True(ledger.TryClaimTrending("c", "x"));
    }

    private SourceItemLedger Ledger(LearningOptions options) => new(Options.Create(options), _time);

    private static bool[] Claim(SourceItemLedger ledger, string? source, string[] arms, bool[] claimed)
    {
        ledger.ClaimArms(source, arms, claimed);
        return claimed;
    }
}
