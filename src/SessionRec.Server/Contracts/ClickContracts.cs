namespace SessionRec.Server.Contracts;

/// <summary>
/// A click of an anonymous session on a catalog item. <c>event_id</c> (optional, at most 128 characters) is the
/// client's id for this click: a retry with the same id (after a 503 or a timeout) is not stored twice.
/// </summary>
public sealed record ClickRequest(string SessionId, string ItemId, string? EventId = null);

public sealed record ClickResponse(string Status, string Message);
