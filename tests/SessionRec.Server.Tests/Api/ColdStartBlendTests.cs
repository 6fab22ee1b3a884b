using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Api;

/// <summary>
/// Shipped defaults: one click is enough for the model, and no exploration is blended in. With blend slots
/// configured, short sessions keep the model's head and get bandit-chosen trending items in the tail.
/// </summary>
public sealed class ColdStartBlendTests
{
    [Fact]
    public async Task By_default_one_click_gets_the_models_list_unchanged()
    {
        using var factory = new SessionRecFactory();
        var client = factory.CreateClient();
        await client.ClickAsync("s", "P00001");

        var rec = await client.RecommendAsync("s", 10);

        Assert.False(rec.GetProperty("used_coldstart").GetBoolean());
        Assert.Equal("model", rec.GetProperty("strategy").GetString());
        Assert.Equal("Recommendations from the session model.", rec.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Blend_slots_replace_the_tail_of_a_short_sessions_list_with_trending_items()
    {
        using var plain = new SessionRecFactory();
        using var blended = new SessionRecFactory().With("ColdStart:BlendSlots", "3").With("ColdStart:BlendBelowClicks", "2");
        var plainClient = plain.CreateClient();
        var blendClient = blended.CreateClient();
        await plainClient.ClickAsync("s", "P00001");
        await blendClient.ClickAsync("s", "P00001");

        var model = (await plainClient.RecommendAsync("s", 10)).GetProperty("recommendations").Strings();
        var rec = await blendClient.RecommendAsync("s", 10);
        var items = rec.GetProperty("recommendations").Strings();

        Assert.False(rec.GetProperty("used_coldstart").GetBoolean());
        Assert.Equal(model[..7], items[..7]);
        Assert.Equal(10, items.Distinct().Count());
        Assert.DoesNotContain("P00001", items); // seen items stay out (ExcludeSeen defaults to true)
        Assert.Contains("The last 3 are trending items chosen by the bandit.", rec.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sessions_at_the_blend_limit_get_the_models_list_unchanged()
    {
        using var plain = new SessionRecFactory();
        using var blended = new SessionRecFactory().With("ColdStart:BlendSlots", "3").With("ColdStart:BlendBelowClicks", "2");
        var plainClient = plain.CreateClient();
        var blendClient = blended.CreateClient();
        foreach (var client in new[] { plainClient, blendClient })
        {
            await client.ClickAsync("s", "P00001");
            await client.ClickAsync("s", "P00013");
        }

        var model = (await plainClient.RecommendAsync("s", 10)).GetProperty("recommendations").Strings();
        var rec = await blendClient.RecommendAsync("s", 10);

        Assert.Equal(model, rec.GetProperty("recommendations").Strings());
        Assert.Equal("Recommendations from the session model.", rec.GetProperty("message").GetString());
    }
}
