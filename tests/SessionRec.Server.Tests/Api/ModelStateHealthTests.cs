using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SessionRec.Core.Catalog;
using SessionRec.Core.Serving;
using SessionRec.Core.Sessions;
using SessionRec.Server.Endpoints;

namespace SessionRec.Server.Tests.Api;

/// <summary>
/// Health and the model endpoint report the model slot's state. A running host only ever shows Ready (a failed
/// first load stops the start, see ConfigurationTests), so Loading and Failed are driven here on the slot itself.
/// </summary>
public class ModelStateHealthTests
{
    private static readonly ItemCatalog Catalog = ItemCatalog.FromIds(["a", "b"], "model");

    [Theory]
    [InlineData(false, "loading", "The model is still loading.")]
    [InlineData(true, "failed", "The model failed to load.")]
    public async Task A_model_that_is_not_ready_is_reported_as_such_without_its_reason(bool failed, string state, string problem)
    {
        var slot = new ModelSlot();
        if (failed)
        {
            slot.Fail("/srv/models/x/item_embeddings.npy: row 5 holds a non-finite value (∞)");
        }

        var health = await HealthEndpoints.GetHealth(Store(), slot, Catalog, TestContext.Current.CancellationToken);
        var model = ModelEndpoints.GetModel(slot, Catalog);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, health.StatusCode);
        Assert.Equal("unhealthy", health.Value!.Components.Model);
        Assert.Equal(state, health.Value.Details["model"]);
        Assert.DoesNotContain(health.Value.Details.Values, v => v.Contains("/srv", StringComparison.Ordinal));
        var unavailable = Assert.IsType<ProblemHttpResult>(model.Result);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, unavailable.StatusCode);
        Assert.Equal(problem, unavailable.ProblemDetails.Detail);
    }

    private static InMemorySessionStore Store() =>
        new(Options.Create(new SessionRetentionOptions()), TimeProvider.System);
}
