using SessionRec.Core.Privacy;

namespace SessionRec.Core.Serving;

/// <summary>What the service served, kept until it is resolved so that hit rate and the bandit use the server's record
/// (and the experiment arm that served it, so its hit counts for that arm even after a reweight).</summary>
public sealed record ServedRecommendation(
    string Id,
    SessionKey Session,
    IReadOnlyList<string> Items,
    bool ColdStart,
    DateTimeOffset ServedAt,
    string? Arm = null);
