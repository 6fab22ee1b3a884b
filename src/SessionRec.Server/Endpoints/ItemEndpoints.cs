using Microsoft.AspNetCore.Http.HttpResults;
using SessionRec.Core.Catalog;
using SessionRec.Server.Contracts;
using SessionRec.Server.Validation;

namespace SessionRec.Server.Endpoints;

public static class ItemEndpoints
{
    public static RouteGroupBuilder MapItemEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/items/{item_id}", GetItem)
            .WithName("GetItem")
            .WithSummary("An item's catalog entry.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    internal static Results<Ok<ItemResponse>, ProblemHttpResult> GetItem(
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "item_id")] string itemId, ItemCatalog catalog)
    {
        JsonBody.ValidateId("item_id", itemId);
        return catalog.TryGet(itemId, out var item)
            ? TypedResults.Ok(new ItemResponse(item.ItemId, item.Name, item.Category, item.Attributes))
            : Problems.NotFound("Unknown item.", $"Item '{itemId}' is not in the catalog.");
    }
}
