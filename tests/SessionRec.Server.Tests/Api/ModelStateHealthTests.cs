using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using SessionRec.Core.Catalog;
using SessionRec.Core.Serving;
using SessionRec.Server.Endpoints;
using SessionRec.Server.Hosting;
using SessionRec.Server.Tests.Infrastructure;

namespace SessionRec.Server.Tests.Api;

/// <summary>
/// Health and the model endpoint report the model slot's state. A real start only ever serves Ready (a failed first
/// load stops the start, see ConfigurationTests), so Loading and Failed are driven here through a replaced start-up.
/// </summary>
public class ModelStateHealthTests
{
    private const string SecretReason = "/srv/models/x/item_embeddings.npy: row 5 holds a non-finite value (∞)";
    private static readonly ItemCatalog Catalog = ItemCatalog.FromIds(["a", "b", "c"], "model");

    [Fact]
    public async Task While_loading_nothing_can_be_served_so_health_and_ready_are_503_but_alive_is_200()
    {
        using var factory = new SessionRecFactory().WithStartup(_ => { });
        var client = factory.CreateClient();

        var health = await client.HealthAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Code);
        Assert.Equal("unhealthy", health.Status);
        Assert.Equal("unhealthy", health.Component("model"));
        Assert.Equal("loading", health.Detail("model"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await client.ProbeAsync("/ready"));
        Assert.Equal(HttpStatusCode.OK, await client.ProbeAsync("/alive"));
    }

    [Fact]
    public async Task A_failed_model_without_a_catalog_is_unhealthy_and_its_reason_stays_private()
    {
        using var factory = new SessionRecFactory().WithStartup(sp => sp.GetRequiredService<ModelSlot>().Fail(SecretReason));
        var client = factory.CreateClient();

        var health = await client.HealthAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Code);
        Assert.Equal("unhealthy", health.Component("model"));
        Assert.Equal("failed", health.Detail("model"));
        Assert.DoesNotContain("/srv", health.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("npy", health.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await client.ProbeAsync("/ready"));
    }

    [Fact]
    public async Task A_failed_model_with_cold_start_still_serving_is_degraded_not_unhealthy()
    {
        using var factory = new SessionRecFactory().WithStartup(sp =>
        {
            sp.GetRequiredService<CatalogSlot>().Publish(Catalog);
            sp.GetRequiredService<ModelSlot>().Fail(SecretReason);
        });
        var client = factory.CreateClient();

        var health = await client.HealthAsync();
        await client.ClickAsync("s", "a");
        await client.ClickAsync("s", "b");
        var rec = await client.RecommendAsync("s");

        Assert.Equal(HttpStatusCode.OK, health.Code);
        Assert.Equal("degraded", health.Status);
        Assert.Equal("unhealthy", health.Component("model"));
        Assert.Equal("failed", health.Detail("model"));
        Assert.Contains("cold start only", health.Detail("recommendations"), StringComparison.Ordinal);
        Assert.DoesNotContain("/srv", health.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await client.ProbeAsync("/ready"));
        Assert.True(rec.GetProperty("used_coldstart").GetBoolean());
        Assert.Equal(["c"], rec.GetProperty("recommendations").Strings());
        Assert.Contains("model failed", rec.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "The model is still loading.")]
    [InlineData(true, "The model failed to load.")]
    public void The_model_endpoint_says_a_model_is_not_ready_without_its_reason(bool failed, string problem)
    {
        var slot = new ModelSlot();
        if (failed)
        {
            slot.Fail(SecretReason);
        }

        var model = ModelEndpoints.GetModel(slot, Catalog);

        var unavailable = Assert.IsType<ProblemHttpResult>(model.Result);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, unavailable.StatusCode);
        Assert.Equal(problem, unavailable.ProblemDetails.Detail);
    }
}
