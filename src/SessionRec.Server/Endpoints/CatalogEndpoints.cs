using Microsoft.AspNetCore.Http.HttpResults;
using SessionRec.Core.Catalog;
using SessionRec.Server.Contracts;
using SessionRec.Server.Validation;

namespace SessionRec.Server.Endpoints;

/// <summary>The live catalog's write side (admin): single upserts, batch imports, and the recent changes.</summary>
public static class CatalogEndpoints
{
    private const string Outage = "The shared store is unavailable; the catalog was not changed. Retry later.";

    public static RouteGroupBuilder MapCatalogEndpoints(this RouteGroupBuilder api)
    {
        api.MapPut("/items/{item_id}", PutItem)
            .WithName("PutItem")
            .WithSummary("Create or update a catalog item ({name?, category?, available?, properties?}): 201 new, 200 updated. available:false hides it from every recommendation at once.")
            .AcceptsJson<CatalogItemRequest>()
            .WithStoreOutage(Outage);
        api.MapPost("/items/batch", PostBatch)
            .WithName("PostItemBatch")
            .WithSummary("Create or update up to 10,000 items: a JSON array of {item_id, name?, category?, available?, properties?}, or JSON Lines (application/x-ndjson).")
            .Accepts<IReadOnlyList<CatalogBatchEntry>>("application/json", "application/x-ndjson", "application/jsonl")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithStoreOutage(Outage);
        api.MapGet("/catalog/changes", GetChanges)
            .WithName("GetCatalogChanges")
            .WithSummary("The latest catalog writes on this replica, newest first (at most 50).");
        api.MapGet("/catalog/search", Search)
            .WithName("SearchCatalog")
            .WithSummary("Items whose name or id contains q (case-insensitive), at most 20, with the catalog's categories: for picking items by name.")
            .ProducesValidationProblem();
        return api;
    }

    internal static async Task<Results<Created<ItemResponse>, Ok<ItemResponse>>> PutItem(
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "item_id")] string itemId, HttpRequest request, CatalogWriter writer, CancellationToken cancellationToken)
    {
        RawPath.RequireUnicodeSegment(request.HttpContext, "/items/", "item_id");
        JsonBody.ValidateId("item_id", itemId);
        CatalogUpdate update;
        using (var body = await JsonBody.ReadAsync(request, cancellationToken))
        {
            update = CatalogEntries.ReadOne(body.Root, itemId);
        }

        var change = (await writer.WriteAsync([update], cancellationToken))[0];
        var response = ToResponse(change.Item);
        return change.Created
            ? TypedResults.Created($"/api/v1/items/{Uri.EscapeDataString(itemId)}", response)
            : TypedResults.Ok(response);
    }

    internal static async Task<Ok<CatalogBatchResponse>> PostBatch(HttpRequest request, CatalogWriter writer, CancellationToken cancellationToken)
    {
        var updates = await CatalogEntries.ReadBatchAsync(request, cancellationToken);
        var changes = await writer.WriteAsync(updates, cancellationToken);
        int created = changes.Count(c => c.Created);
        return TypedResults.Ok(new CatalogBatchResponse(created, changes.Count - created, changes.Count));
    }

    internal static Ok<IReadOnlyList<CatalogChangeResponse>> GetChanges(ItemCatalog catalog) =>
        TypedResults.Ok<IReadOnlyList<CatalogChangeResponse>>([.. catalog.RecentChanges().Select(c =>
            new CatalogChangeResponse(c.Item.ItemId, c.Item.Name, c.Item.Category, c.Item.Available, c.Created, c.At))]);

    internal static Ok<CatalogSearchResponse> Search(HttpContext context, ItemCatalog catalog)
    {
        const int limit = 20;
        string q = context.Request.Query["q"].ToString();
        if (q.Length > 0)
        {
            JsonBody.ValidateId("q", q);
        }

        var snapshot = catalog.Snapshot;
        var items = snapshot.Ids
            .Select(id => snapshot.Items[id])
            .Where(i => q.Length == 0 || i.Name.Contains(q, StringComparison.OrdinalIgnoreCase) || i.ItemId.Contains(q, StringComparison.OrdinalIgnoreCase))
            .Take(limit)
            .Select(ToResponse)
            .ToArray();
        return TypedResults.Ok(new CatalogSearchResponse(items, [.. snapshot.IdsByCategory.Keys.Where(c => c.Length > 0).Order(StringComparer.Ordinal)]));
    }

    public static ItemResponse ToResponse(CatalogItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new ItemResponse(item.ItemId, item.Name, item.Category, item.Attributes, item.Available);
    }
}
