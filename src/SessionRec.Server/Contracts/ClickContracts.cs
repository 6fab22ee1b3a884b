namespace SessionRec.Server.Contracts;

/// <summary>A click of an anonymous session on a catalog item.</summary>
public sealed record ClickRequest(string SessionId, string ItemId);

public sealed record ClickResponse(string Status, string Message);
