namespace SessionRec.Server.Contracts;

/// <summary>Names the session to forget (<c>POST /api/v1/sessions/delete</c>).</summary>
public sealed record DeleteSessionRequest(string SessionId);
