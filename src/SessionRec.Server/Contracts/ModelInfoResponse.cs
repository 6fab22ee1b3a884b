namespace SessionRec.Server.Contracts;

/// <summary>The served model: its type, where it came from, and its offline figures from the manifest (e.g. "hr@10").</summary>
public sealed record ModelInfoResponse(string Name, string Source, int Items, int CatalogItems, IReadOnlyDictionary<string, double> Offline);
