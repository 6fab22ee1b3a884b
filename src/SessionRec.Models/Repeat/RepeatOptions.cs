namespace SessionRec.Models.Repeat;

/// <summary>How base-model scores become "explore" probabilities before the repeat mixture.</summary>
public enum ExploreScores
{
    /// <summary>Non-negative scores (session-kNN, popularity): each score over their sum.</summary>
    Sum,

    /// <summary>Logits (SASRec trained with cross-entropy): a softmax.</summary>
    Softmax,
}

/// <summary>
/// The repeat/explore mixture of <see cref="RepeatAwareModel"/> (after RepeatNet, Ren et al. AAAI 2019, with a
/// tuned instead of a learned switch): P(i) = (1 − w)·P_explore(i) + w·P_repeat(i), P_repeat(i) ∝ Σ over the
/// session's clicks on i of decay^(clicks since). Defaults: the best VMIS-kNN trial of <c>sessionrec tune</c> on
/// yoochoose-100k train_tr → train_valid (docs/tune; V-SKNN's best was 0.4 / 0.05). Every trial of both kinds chose
/// a decay of 0.2 or less, i.e. "return to the last item" dominates. A model directory's manifest carries its own under
/// <c>hyper_parameters.repeat</c>.
/// </summary>
public sealed record RepeatOptions
{
    /// <summary>w, the share of probability given to returning to an item of the session; 0 turns the mixture off.</summary>
    public float Weight { get; init; } = 0.45f;

    /// <summary>Recency decay per click back of a session item's repeat weight (1 = pure frequency).</summary>
    public float Decay { get; init; } = 0.05f;

    public ExploreScores Explore { get; init; } = ExploreScores.Sum;

    /// <summary>Base items normalized into P_explore (at least k plus the session's items are always asked for).</summary>
    public int Pool { get; init; } = 100;

    public void Validate()
    {
        if (!(Weight >= 0) || Weight > 1)
        {
            throw new ArgumentException("Repeat weight must be in [0, 1].");
        }

        if (!(Decay > 0) || Decay > 1)
        {
            throw new ArgumentException("Repeat decay must be in (0, 1].");
        }

        if (Pool < 1)
        {
            throw new ArgumentException("Repeat pool must be ≥ 1.");
        }
    }
}
