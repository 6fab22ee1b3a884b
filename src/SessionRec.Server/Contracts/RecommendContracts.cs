using System.Text.Json.Serialization;

namespace SessionRec.Server.Contracts;

/// <summary>
/// Asks for the next items: of a stored session (<c>session_id</c>, optionally clicking <c>item_id</c> first), or of a
/// visitor's recent <c>items</c> without storing anything (exactly one of <c>session_id</c> and <c>items</c>).
/// <c>k</c> defaults to 10 (1..100); <c>filter</c> restricts what may be recommended; <c>include</c> names catalog
/// fields to return inline as <c>items</c>.
/// </summary>
public sealed record RecommendRequest(
    string? SessionId,
    int? K,
    string? ItemId = null,
    string? EventId = null,
    IReadOnlyList<string>? Items = null,
    RecommendFilter? Filter = null,
    IReadOnlyList<string>? Include = null);

/// <summary>Only these categories, none of those, not these items (every list optional).</summary>
public sealed record RecommendFilter(IReadOnlyList<string>? Categories, IReadOnlyList<string>? ExcludeCategories, IReadOnlyList<string>? ExcludeItems);

/// <summary>
/// What was recommended; <c>session_id</c> and <c>recommendation_id</c> are null for stateless requests (nothing was
/// recorded); <c>arm</c> names the experiment arm that served (null when no experiment runs).
/// </summary>
public sealed record RecommendResponse(
    string? SessionId,
    string? RecommendationId,
    IReadOnlyList<string> Recommendations,
    IReadOnlyList<double> Scores,
    bool UsedColdstart,
    string Strategy,
    string Model,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<IncludedItem>? Items = null,
    string? Arm = null);

/// <summary>The items most likely clicked after <c>item_id</c>, from the served model.</summary>
public sealed record RelatedResponse(
    string ItemId,
    IReadOnlyList<string> Recommendations,
    IReadOnlyList<double> Scores,
    string Model,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<IncludedItem>? Items = null);
