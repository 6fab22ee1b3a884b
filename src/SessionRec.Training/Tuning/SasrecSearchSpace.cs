using System.Globalization;
using System.Text.Json.Nodes;
using SessionRec.Training.Sasrec;

namespace SessionRec.Training.Tuning;

/// <summary>The settings one search trial varies; everything else is the defaults' (<see cref="SasrecSearch"/>).</summary>
public sealed record SasrecTrialSettings(int Dim, int Blocks, int Heads, float Dropout, float AttentionDropout, float LearningRate, SasrecLoss Loss, float FilterAlpha,
    float WeightDecay)
{
    public static SasrecTrialSettings Of(SasrecTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.Dim, options.Blocks, options.Heads, options.Dropout, options.AttentionDropout, options.LearningRate, options.Loss, options.FilterAlpha,
            options.WeightDecay);
    }

    public SasrecTrainingOptions ApplyTo(SasrecTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with
        {
            Dim = Dim, Blocks = Blocks, Heads = Heads, Dropout = Dropout, AttentionDropout = AttentionDropout, LearningRate = LearningRate, Loss = Loss,
            FilterAlpha = FilterAlpha, WeightDecay = WeightDecay,
        };
    }

    /// <summary>The settings as <c>train --model sasrec</c> options.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"--dim {Dim} --blocks {Blocks} --heads {Heads} --dropout {Dropout} --attention-dropout {AttentionDropout} --lr {LearningRate} --loss {Loss.ToName()} --filter-alpha {FilterAlpha} --weight-decay {WeightDecay}");

    public JsonObject ToJson() => new()
    {
        ["dim"] = Dim,
        ["blocks"] = Blocks,
        ["heads"] = Heads,
        ["dropout"] = Dropout,
        ["attention_dropout"] = AttentionDropout,
        ["lr"] = LearningRate,
        ["loss"] = Loss.ToName(),
        ["filter_alpha"] = FilterAlpha,
        ["weight_decay"] = WeightDecay,
    };
}

/// <summary>
/// What <c>tune --model sasrec</c> searches: a small grid around the CLI's defaults (docs/tune/amazon-beauty-sasrec.md
/// screened these one at a time), and how many settings the time budget affords. The first trial is always the
/// defaults themselves, so changing a default needs no edit here.
/// </summary>
public sealed record SasrecSearchSpace
{
    public static SasrecSearchSpace Default { get; } = new();

    public IReadOnlyList<int> Dims { get; init; } = [32, 64, 128];

    public IReadOnlyList<int> Blocks { get; init; } = [1, 2];

    public IReadOnlyList<int> Heads { get; init; } = [1, 2];

    public IReadOnlyList<float> Dropouts { get; init; } = [0.2f, 0.3f, 0.5f];

    public IReadOnlyList<float> AttentionDropouts { get; init; } = [0f, 0.2f];

    public IReadOnlyList<float> LearningRates { get; init; } = [5e-4f, 1e-3f, 2e-3f];

    public IReadOnlyList<SasrecLoss> Losses { get; init; } = [SasrecLoss.CrossEntropy, SasrecLoss.SampledSoftmax];

    /// <summary>Plain SASRec and the CLI's low-pass weight (docs/tune/amazon-beauty-sasrec.md, fourth round).</summary>
    public IReadOnlyList<float> FilterAlphas { get; init; } = [0f, 0.9f];

    /// <summary>None and the CLI's weight decay (docs/tune/amazon-beauty-sasrec.md, fifth round).</summary>
    public IReadOnlyList<float> WeightDecays { get; init; } = [0f, 0.5f];

    /// <summary>
    /// Least time a first-round trial gets: fewer settings are tried rather than trials too short to learn anything
    /// (a full-CE epoch on amazon-beauty takes about 17 s on 2 cores).
    /// </summary>
    public double MinTrialSeconds { get; init; } = 60;

    /// <summary>Most settings tried in the first round of successive halving (a power of two).</summary>
    public int MaxSettings { get; init; } = 16;

    /// <summary>Grid points with the dimension divisible by the heads.</summary>
    public int Size => All().Count();

    /// <summary>
    /// Up to <paramref name="count"/> distinct settings not in <paramref name="tried"/>: <paramref name="defaults"/>
    /// first unless tried, then uniform draws from the grid without replacement (fewer if the grid runs out).
    /// </summary>
    public IReadOnlyList<SasrecTrialSettings> Sample(int count, SasrecTrialSettings defaults, Random random, IReadOnlySet<SasrecTrialSettings>? tried = null)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(random);
        tried ??= new HashSet<SasrecTrialSettings>();
        var pool = All().Where(s => s != defaults && !tried.Contains(s)).ToArray();
        random.Shuffle(pool);
        SasrecTrialSettings[] first = tried.Contains(defaults) ? [] : [defaults];
        return [.. first.Concat(pool).Take(count)];
    }

    private IEnumerable<SasrecTrialSettings> All() =>
        from dim in Dims
        from blocks in Blocks
        from heads in Heads
        where dim % heads == 0
        from dropout in Dropouts
        from attention in AttentionDropouts
        from lr in LearningRates
        from loss in Losses
        from alpha in FilterAlphas
        from decay in WeightDecays
        select new SasrecTrialSettings(dim, blocks, heads, dropout, attention, lr, loss, alpha, decay);
}
