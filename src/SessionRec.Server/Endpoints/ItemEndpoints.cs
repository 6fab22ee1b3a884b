using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using SessionRec.Core.Catalog;
using SessionRec.Core.Serving;
using SessionRec.Server.Contracts;
using SessionRec.Server.Validation;

namespace SessionRec.Server.Endpoints;

public static class ItemEndpoints
{
    /// <summary>How long a client or proxy may reuse a related-items answer without asking again.</summary>
    public const int RelatedMaxAgeSeconds = 60;

    public static RouteGroupBuilder MapItemEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/items/{item_id}", GetItem)
            .WithName("GetItem")
            .WithSummary("An item's catalog entry.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/items/{item_id}/related", GetRelated)
            .WithName("GetRelatedItems")
            .WithSummary("The items most likely clicked after this one, from the served model (k, categories, exclude_categories, exclude_items, include as query parameters). Deterministic for a model and catalog: carries ETag and Cache-Control.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    internal static Results<Ok<ItemResponse>, ProblemHttpResult> GetItem(
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "item_id")] string itemId, ItemCatalog catalog)
    {
        JsonBody.ValidateId("item_id", itemId);
        return catalog.TryGet(itemId, out var item)
            ? TypedResults.Ok(CatalogEndpoints.ToResponse(item))
            : Problems.NotFound("Unknown item.", $"Item '{itemId}' is not in the catalog.");
    }

    internal static async Task<Results<Ok<RelatedResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetRelated(
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "item_id")] string itemId,
        HttpContext context,
        ItemCatalog catalog,
        SessionRecommender recommender,
        CancellationToken cancellationToken)
    {
        JsonBody.ValidateId("item_id", itemId);
        var query = context.Request.Query;
        int k = QueryInt(query, "k", 1, RecommendationOptions.MaxK) ?? 10;
        var snapshot = catalog.Snapshot;
        var filter = RecommendationFilters.FromQuery(query, snapshot);
        var include = ItemFieldsReader.Parse(RecommendationFilters.QueryList(query, "include", ItemFieldsReader.Names.Length), "include");
        if (!snapshot.Items.ContainsKey(itemId))
        {
            return Problems.NotFound("Unknown item.", $"Item '{itemId}' is not in the catalog.");
        }

        var (items, scores, model) = await recommender.RelatedAsync(itemId, k, filter, cancellationToken);
        string etag = ETag(model, items, scores);
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = $"public, max-age={RelatedMaxAgeSeconds}";
        if (context.Request.Headers.IfNoneMatch.SelectMany(v => (v ?? string.Empty).Split(',')).Any(v => v.Trim() is var tag && (tag == etag || tag == "*")))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        string message = items.Count == 0
            ? "The served model does not know this item yet (or no model is ready), so it has no related items."
            : items.Count < k ? $"Only {items.Count} related items are eligible." : "Related items from the served model.";
        return TypedResults.Ok(new RelatedResponse(itemId, items, scores, model, message, ItemFieldsReader.Describe(items, include, snapshot)));
    }

    /// <summary>A strong validator of the answer's content: the same model and catalog state give the same list.</summary>
    private static string ETag(string model, IReadOnlyList<string> items, IReadOnlyList<double> scores)
    {
        var text = new StringBuilder(model);
        for (int i = 0; i < items.Count; i++)
        {
            text.Append('\n').Append(items[i]).Append(' ').Append(scores[i].ToString("R", CultureInfo.InvariantCulture));
        }

        return $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16))}\"";
    }

    private static int? QueryInt(IQueryCollection query, string name, int min, int max)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return null;
        }

        if (values.Count != 1 || !int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out int value))
        {
            throw new RequestProblem(name, $"'{name}' must be an integer.");
        }

        return value >= min && value <= max ? value : throw new RequestProblem(name, $"'{name}' must be between {min} and {max}.");
    }
}
