namespace SessionRec.Server.Contracts;

/// <summary>
/// Says what the session did with a recommendation: <c>clicked_item</c> null means none of it was clicked. Give
/// <c>recommendation_id</c> (preferred: the server uses its own record); <c>recommended_items</c> is the original
/// service's form and counts only when it is exactly a list this session was served and that is still pending.
/// </summary>
public sealed record FeedbackRequest(string SessionId, string? RecommendationId, IReadOnlyList<string>? RecommendedItems, string? ClickedItem);

/// <param name="Counted">False when the recommendation was already resolved (by an earlier click or feedback), expired, or never served to this session.</param>
/// <param name="Hit">Whether the clicked item was among the first 10 recommended; null when not counted.</param>
public sealed record FeedbackResponse(string Status, bool Counted, bool? Hit, string Message);
