namespace SessionRec.Models.Knn;

/// <summary>
/// VMIS-kNN settings (Kersbergen, Sprangers &amp; Schelter, SIGMOD 2022; bol.com Serenade). Defaults are the values
/// <c>sessionrec tune</c> found on yoochoose-100k's validation split (train_tr → train_valid).
/// </summary>
public sealed record VmisknnOptions
{
    /// <summary>Neighbours kept (k), the most similar of the candidates.</summary>
    public int Neighbors { get; init; } = 100;

    /// <summary>Candidate sessions (m): the most recent sessions sharing an item with the current one.</summary>
    public int SampleSize { get; init; } = 250;

    /// <summary>Only the newest clicks of the current session are matched; 0 keeps all of them (Serenade's max_items_in_session).</summary>
    public int MaxSessionItems { get; init; } = 3;

    /// <summary>
    /// Decay of a neighbour's vote by how far back in the current session its most recent shared item is: the
    /// newest click at distance 1 gives 1 − <see cref="MatchDecay"/>, floored at 0 (Serenade's linear_score uses 0.1).
    /// </summary>
    public float MatchDecay { get; init; } = 0.2f;

    /// <summary>Exponent of the idf factor ln(P / df(item)), P the session-item pairs; 1 is Serenade's, 0 turns it off.</summary>
    public float IdfWeighting { get; init; } = 1f;

    public void Validate()
    {
        if (Neighbors < 1 || SampleSize < 1)
        {
            throw new ArgumentException("VMIS-kNN needs at least one neighbour and one candidate session.");
        }

        if (MaxSessionItems < 0)
        {
            throw new ArgumentException("VMIS-kNN max session items must be ≥ 0 (0: all).");
        }

        if (!(MatchDecay >= 0) || MatchDecay > 1)
        {
            throw new ArgumentException("VMIS-kNN match decay must be in [0, 1].");
        }

        if (!(IdfWeighting >= 0))
        {
            throw new ArgumentException("VMIS-kNN IDF weighting must be ≥ 0.");
        }
    }

    /// <summary>Weight of a neighbour whose most recent shared item is <paramref name="distance"/> clicks back (newest = 1).</summary>
    public float MatchWeight(int distance) => MathF.Max(0f, 1f - (MatchDecay * distance));
}
