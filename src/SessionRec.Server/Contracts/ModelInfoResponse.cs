namespace SessionRec.Server.Contracts;

/// <summary>
/// The served model: its kind, a short label of where it came from (the model directory's name or "demo", never a
/// path), its size and its offline figures from the manifest (e.g. "hr@10").
/// </summary>
/// <param name="Version">The service's build version (the same as <c>sessionrec --version</c>).</param>
public sealed record ModelInfoResponse(string Name, string Source, int Items, int CatalogItems, IReadOnlyDictionary<string, double> Offline, string Version);
