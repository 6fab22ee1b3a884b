namespace SessionRec.Models.Knn;

/// <summary>
/// V-SKNN settings (Ludewig &amp; Jannach 2018; rn5l/session-rec <c>vsknn</c>). Defaults follow session-rec's usual
/// choices: 100 neighbours drawn from the 1000 most recent sessions that share an item with the current one.
/// </summary>
public sealed record VsknnOptions
{
    /// <summary>Neighbours kept (k), the most similar of the sampled candidates.</summary>
    public int Neighbors { get; init; } = 100;

    /// <summary>Candidate sessions considered: the most recent ones sharing an item; 0 means all of them.</summary>
    public int SampleSize { get; init; } = 1000;

    /// <summary>
    /// Linear position decay of the current session's vector: the newest item weighs 1 and the item i steps back
    /// weighs 1 − <see cref="PositionDecay"/>·i, floored at <see cref="MinPositionWeight"/>. session-rec's
    /// <c>linear</c> weighting uses 0.1 and drops items past the tenth; we keep a floor instead, so long histories
    /// (Amazon users) still find neighbours through their older items.
    /// </summary>
    public float PositionDecay { get; init; } = 0.1f;

    /// <inheritdoc cref="PositionDecay"/>
    public float MinPositionWeight { get; init; } = 0.1f;

    /// <summary>
    /// session-rec's <c>idf_weighting</c>: an item's score is multiplied by 1 + w·ln(S / df(item)), S the number of
    /// training sessions and df the sessions holding the item; 0 turns it off.
    /// </summary>
    public float IdfWeighting { get; init; }

    /// <summary>
    /// Divide a neighbour's similarity by √(its distinct item count), the neighbour's half of a cosine. The current
    /// session's norm is the same for every neighbour and would not change any ranking, so it is left out.
    /// </summary>
    public bool Normalize { get; init; }

    public void Validate()
    {
        if (Neighbors < 1)
        {
            throw new ArgumentException("V-SKNN needs at least one neighbour.");
        }

        if (SampleSize < 0)
        {
            throw new ArgumentException("V-SKNN sample size must be ≥ 0 (0: no sampling).");
        }

        if (!(PositionDecay >= 0) || !(MinPositionWeight > 0) || MinPositionWeight > 1)
        {
            throw new ArgumentException("V-SKNN position decay must be ≥ 0 and the minimum weight in (0, 1].");
        }

        if (!(IdfWeighting >= 0))
        {
            throw new ArgumentException("V-SKNN IDF weighting must be ≥ 0.");
        }
    }

    /// <summary>Weight of the item <paramref name="stepsBack"/> positions before the newest (0 = newest).</summary>
    public float PositionWeight(int stepsBack) => MathF.Max(1f - (PositionDecay * stepsBack), MinPositionWeight);
}
