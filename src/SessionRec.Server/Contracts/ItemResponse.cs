namespace SessionRec.Server.Contracts;

public sealed record ItemResponse(string ItemId, string Name, string Category, IReadOnlyDictionary<string, string> Attributes);
