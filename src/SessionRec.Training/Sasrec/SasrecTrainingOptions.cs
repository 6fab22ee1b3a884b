using System.Text.Json.Nodes;

namespace SessionRec.Training.Sasrec;

/// <summary>Model shape and training settings of one SASRec training run.</summary>
public sealed record SasrecTrainingOptions
{
    public int Epochs { get; init; } = 200;

    public int Dim { get; init; } = 64;

    public int Blocks { get; init; } = 2;

    public int Heads { get; init; } = 1;

    public int MaxLen { get; init; } = 50;

    /// <summary>Feed-forward width; null uses <see cref="Dim"/> as SASRec does.</summary>
    public int? FfnDim { get; init; }

    /// <summary>"gelu" (exact erf form) or "relu".</summary>
    public string Activation { get; init; } = "gelu";

    public float Dropout { get; init; } = 0.2f;

    /// <summary>Dropout on the attention probabilities (as BSARec and ICSRec train); 0 disables.</summary>
    public float AttentionDropout { get; init; }

    /// <summary>Weight of BSARec's low-pass branch beside attention; 0 is plain SASRec (see <see cref="SasrecConfig.FilterAlpha"/>).</summary>
    public float FilterAlpha { get; init; }

    /// <summary>DFT frequencies the low-pass branch keeps.</summary>
    public int FilterFrequencies { get; init; } = 3;

    /// <summary>
    /// Decay of a moving average of the weights, updated after every step (a plain mean of the steps so far until
    /// 1 / (1 − decay) steps, then exponential); validation scores the average and the average is what is kept.
    /// 0 keeps the raw weights.
    /// </summary>
    public float WeightAverageDecay { get; init; }

    public SasrecLoss Loss { get; init; } = SasrecLoss.CrossEntropy;

    /// <summary>One training example per position (every prefix, loss at its end) instead of one per sequence.</summary>
    public bool PrefixExamples { get; init; }

    /// <summary>Shared negatives per batch for <see cref="SasrecLoss.SampledSoftmax"/>.</summary>
    public int Negatives { get; init; } = 100;

    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>Sequences per batch.</summary>
    public int BatchSize { get; init; } = 128;

    public int Seed { get; init; } = 42;

    /// <summary>Threads for the tensor kernels and the validation; with the seed, fixes the result bit for bit.</summary>
    public int Threads { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 2);

    /// <summary>Stop after this many seconds of training, keeping the best weights so far; null: no limit.</summary>
    public double? TimeBudgetSeconds { get; init; }

    /// <summary>AdamW decoupled decay of weight matrices and embeddings (not of biases and layer-norm parameters).</summary>
    public float WeightDecay { get; init; }

    /// <summary>Global gradient-norm clip; 0 disables.</summary>
    public float MaxGradNorm { get; init; } = 5f;

    /// <summary>Adam's second-moment decay; SASRec uses 0.98.</summary>
    public float Beta2 { get; init; } = 0.98f;

    /// <summary>Standard deviation of the truncated-normal initialisation (BERT-style).</summary>
    public float InitStd { get; init; } = 0.02f;

    /// <summary>Stop when this many validations in a row bring no better NDCG@10.</summary>
    public int Patience { get; init; } = 5;

    /// <summary>Validate after every this many epochs (and after the last one).</summary>
    public int EvaluateEvery { get; init; } = 1;

    /// <summary>
    /// Pipeline setting (<see cref="SasrecTraining"/>), not the trainer's: when the newest sessions were held out for
    /// early stopping, train again from scratch on every session for the chosen number of epochs, so the served model
    /// has also learned the newest clicks.
    /// </summary>
    public bool Refit { get; init; }

    public void Validate()
    {
        if (Epochs < 1 || BatchSize < 1 || Negatives < 1 || Patience < 1 || EvaluateEvery < 1 || Threads < 1)
        {
            throw new ArgumentException("Epochs, batch size, negatives, patience, evaluate-every and threads must be positive.");
        }

        if (Dropout is < 0f or >= 1f || AttentionDropout is < 0f or >= 1f)
        {
            throw new ArgumentException($"Dropout and attention dropout must be in [0, 1), got {Dropout} and {AttentionDropout}.");
        }

        if (!(LearningRate > 0f) || WeightDecay < 0f || MaxGradNorm < 0f || !(InitStd > 0f) || Beta2 is <= 0f or >= 1f)
        {
            throw new ArgumentException("Learning rate and init std must be positive, weight decay and clip non-negative, beta2 in (0, 1).");
        }

        if (WeightAverageDecay is < 0f or >= 1f)
        {
            throw new ArgumentException($"The weight-average decay must be in [0, 1), got {WeightAverageDecay}.");
        }

        if (TimeBudgetSeconds is <= 0)
        {
            throw new ArgumentException("The time budget must be positive.");
        }

        ToConfig(itemCount: 1).Validate();
    }

    public SasrecConfig ToConfig(int itemCount) => new()
    {
        ItemCount = itemCount,
        Dim = Dim,
        Blocks = Blocks,
        Heads = Heads,
        MaxLen = MaxLen,
        FfnDim = FfnDim ?? Dim,
        Activation = Activation,
        FilterAlpha = FilterAlpha,
        FilterFrequencies = FilterFrequencies,
    };

    /// <summary>The manifest's hyper_parameters; <c>max_len</c> is also what the loader reads.</summary>
    public JsonObject ToJson() => new()
    {
        ["dim"] = Dim,
        ["blocks"] = Blocks,
        ["heads"] = Heads,
        ["max_len"] = MaxLen,
        ["ffn_dim"] = FfnDim ?? Dim,
        ["activation"] = Activation,
        ["dropout"] = Dropout,
        ["attention_dropout"] = AttentionDropout,
        ["filter_alpha"] = FilterAlpha,
        ["filter_frequencies"] = FilterFrequencies,
        ["weight_average_decay"] = WeightAverageDecay,
        ["prefix_examples"] = PrefixExamples,
        ["loss"] = Loss.ToName(),
        ["negatives"] = Negatives,
        ["lr"] = LearningRate,
        ["batch"] = BatchSize,
        ["epochs"] = Epochs,
        ["seed"] = Seed,
        ["threads"] = Threads,
        ["weight_decay"] = WeightDecay,
        ["max_grad_norm"] = MaxGradNorm,
        ["beta2"] = Beta2,
        ["init_std"] = InitStd,
        ["patience"] = Patience,
        ["evaluate_every"] = EvaluateEvery,
        ["time_budget_seconds"] = TimeBudgetSeconds,
        ["refit"] = Refit,
    };
}
