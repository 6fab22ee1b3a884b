namespace SessionRec.Server.Contracts;

/// <summary>
/// The served model: its kind, a short label of where it came from (the model directory's name or "demo", never a
/// path), its size and its offline figures from the manifest (e.g. "hr@10"), its version (a hash of its files), when
/// it was loaded, and how many replaced models still finish requests before they are disposed.
/// </summary>
public sealed record ModelInfoResponse(string Name, string Source, int Items, int CatalogItems, IReadOnlyDictionary<string, double> Offline,
    string? Version = null, DateTimeOffset? LoadedAt = null, int Retiring = 0);
