using System.Text.Json;
using SessionRec.Core.Catalog;
using SessionRec.Core.Serving;

namespace SessionRec.Server.Validation;

/// <summary>
/// Reads <c>filter: {categories, exclude_categories, exclude_items}</c> from a body, or the same names from a query
/// string (comma-separated or repeated). A category the catalog does not have is a 400 naming the field: a typo must
/// not quietly answer with nothing, or with everything.
/// </summary>
public static class RecommendationFilters
{
    public const int MaxCategories = 100;
    public const int MaxExcludedItems = 500;

    private static readonly string[] Fields = ["categories", "exclude_categories", "exclude_items"];

    public static RecommendationFilter FromBody(JsonElement root, CatalogSnapshot catalog)
    {
        if (JsonFields.Object(root, "filter", "filter") is not { } filter)
        {
            return RecommendationFilter.None;
        }

        JsonFields.OnlyKnown(filter, "filter.", Fields);
        return Build(
            JsonFields.IdArray(filter, "categories", "filter.categories", MaxCategories),
            JsonFields.IdArray(filter, "exclude_categories", "filter.exclude_categories", MaxCategories),
            JsonFields.IdArray(filter, "exclude_items", "filter.exclude_items", MaxExcludedItems),
            catalog,
            "filter.");
    }

    public static RecommendationFilter FromQuery(IQueryCollection query, CatalogSnapshot catalog)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Build(
            QueryList(query, "categories", MaxCategories),
            QueryList(query, "exclude_categories", MaxCategories),
            QueryList(query, "exclude_items", MaxExcludedItems),
            catalog,
            string.Empty);
    }

    /// <summary>Values of a query parameter, repeated or comma-separated; null when absent.</summary>
    public static IReadOnlyList<string>? QueryList(IQueryCollection query, string name, int maxCount)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!query.TryGetValue(name, out var values))
        {
            return null;
        }

        var items = values.SelectMany(v => (v ?? string.Empty).Split(',')).ToArray();
        if (items.Length == 0 || items.Length > maxCount)
        {
            throw new RequestProblem(name, $"'{name}' must hold between 1 and {maxCount} values.");
        }

        return [.. items.Select(v => JsonBody.ValidateId(name, v))];
    }

    private static RecommendationFilter Build(IReadOnlyList<string>? categories, IReadOnlyList<string>? excludeCategories,
        IReadOnlyList<string>? excludeItems, CatalogSnapshot catalog, string prefix)
    {
        if (categories is null && excludeCategories is null && excludeItems is null)
        {
            return RecommendationFilter.None;
        }

        Known(categories, catalog, prefix + "categories");
        Known(excludeCategories, catalog, prefix + "exclude_categories");
        return new RecommendationFilter(Set(categories), Set(excludeCategories), Set(excludeItems));
    }

    private static void Known(IReadOnlyList<string>? categories, CatalogSnapshot catalog, string field)
    {
        foreach (var category in categories ?? [])
        {
            if (!catalog.HasCategory(category))
            {
                throw new RequestProblem(field, $"'{field}' names '{category}', which is not a category of the catalog.");
            }
        }
    }

    private static HashSet<string>? Set(IReadOnlyList<string>? values) =>
        values is null ? null : new HashSet<string>(values, StringComparer.Ordinal);
}
