using System.Diagnostics;
using SessionRec.Core.Items;
using SessionRec.Training.Evaluation;
using SessionRec.Training.Sasrec;

namespace SessionRec.Training.Tuning;

/// <summary>One training run of the search and its best validation figures.</summary>
/// <param name="Round">Successive-halving round, 0 first.</param>
/// <param name="BudgetSeconds">The run's <see cref="SasrecTrainingOptions.TimeBudgetSeconds"/>.</param>
public sealed record SasrecTrial(
    int Number,
    int Round,
    SasrecTrialSettings Settings,
    double BudgetSeconds,
    int EpochsRun,
    int BestEpoch,
    SasrecStopReason StopReason,
    EvaluationResult? Validation,
    TimeSpan Elapsed)
{
    public double HitRate10 => Validation?.At(SasrecSearch.SelectionK).HitRate ?? 0;

    public double Ndcg10 => Validation?.At(SasrecSearch.SelectionK).Ndcg ?? 0;
}

/// <summary>Every trial, the winner (best validation NDCG@10 of all trials) and its trained weights.</summary>
public sealed record SasrecSearchResult(IReadOnlyList<SasrecTrial> Trials, SasrecTrial Winner, SasrecTrainingOptions WinnerOptions, SasrecTrainingResult WinnerResult);

/// <summary>
/// Time-budgeted successive halving over <see cref="SasrecSearchSpace"/>, scored on a validation set only: the first
/// round trains N settings, each later round trains the better half of the previous one again from scratch with twice
/// the time, until one is left. Every round gets an equal share of the budget; time a trial leaves unused (early
/// stopping) goes to the trials after it. A setting whose previous run ended without hitting its budget is not run
/// again: with its seed and thread count training is deterministic, so more time would give the same weights. The
/// winner is the trial with the best validation NDCG@10 (the trainer's early-stopping criterion); its weights are
/// returned, not retrained.
/// </summary>
public static class SasrecSearch
{
    public const int SelectionK = 10;

    /// <summary>Settings in the first round: the most (a power of two, at least 2) whose trials get the space's minimum time.</summary>
    /// <param name="reservedShares">Round-sized shares of the budget kept for work after the search (a refit).</param>
    public static int FirstRoundSettings(double budgetSeconds, SasrecSearchSpace space, int reservedShares = 0)
    {
        ArgumentNullException.ThrowIfNull(space);
        int n = 2;
        while (n * 2 <= Math.Min(space.MaxSettings, space.Size)
            && budgetSeconds / ((Rounds(n * 2) + reservedShares) * n * 2) >= space.MinTrialSeconds)
        {
            n *= 2;
        }

        return n;
    }

    /// <summary>Rounds of successive halving that start from <paramref name="settings"/> settings.</summary>
    public static int Rounds(int settings) => settings <= 1 ? 1 : 1 + Rounds((settings + 1) / 2);

    /// <param name="defaults">Options of every trial (seed and threads included), whose searched settings are the first trial's.</param>
    /// <param name="onTrialStart">Called before each trial with its number, round, settings and time budget in seconds
    /// (a trial on a real catalog takes minutes).</param>
    /// <param name="onTrial">Called after each trial, e.g. to print it.</param>
    public static SasrecSearchResult Run(
        IReadOnlyList<int[]> train,
        ItemVocabulary vocabulary,
        EvaluationSet validation,
        SasrecTrainingOptions defaults,
        TimeSpan budget,
        int seed,
        SasrecSearchSpace? space = null,
        int reservedShares = 0,
        bool? excludeSeen = null,
        Action<int, int, SasrecTrialSettings, double>? onTrialStart = null,
        Action<SasrecTrial>? onTrial = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentOutOfRangeException.ThrowIfNegative(reservedShares);
        if (budget <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(budget), budget, "The search budget must be positive.");
        }

        space ??= SasrecSearchSpace.Default;
        var clock = Stopwatch.StartNew();
        var settings = space.Sample(FirstRoundSettings(budget.TotalSeconds, space, reservedShares), SasrecTrialSettings.Of(defaults), new Random(seed));
        int rounds = Rounds(settings.Count);
        var trials = new List<SasrecTrial>();
        var previous = new Dictionary<SasrecTrialSettings, SasrecTrial>();
        (SasrecTrial Trial, SasrecTrainingOptions Options, SasrecTrainingResult Result)? best = null;
        for (int round = 0; round < rounds; round++)
        {
            var scored = new List<SasrecTrial>();
            for (int j = 0; j < settings.Count; j++)
            {
                if (previous.TryGetValue(settings[j], out var finished) && finished.StopReason != SasrecStopReason.TimeBudget)
                {
                    scored.Add(finished);
                    continue;
                }

                double remaining = (budget - clock.Elapsed).TotalSeconds;
                if (remaining <= 0 && best is not null)
                {
                    break;
                }

                // This round's unrun trials and every later round share what is left equally, round by round.
                int slots = ((rounds - round - 1 + reservedShares) * settings.Count) + settings.Count - j;
                var options = settings[j].ApplyTo(defaults) with { TimeBudgetSeconds = Math.Max(remaining / slots, 0.001) };
                onTrialStart?.Invoke(trials.Count, round, settings[j], options.TimeBudgetSeconds.Value);
                var started = clock.Elapsed;
                var result = SasrecTrainer.Train(train, vocabulary, validation, options, excludeSeen: excludeSeen);
                var trial = new SasrecTrial(trials.Count, round, settings[j], options.TimeBudgetSeconds.Value, result.History.Count,
                    result.BestEpoch, result.StopReason, result.BestValidation, clock.Elapsed - started);
                trials.Add(trial);
                scored.Add(trial);
                previous[settings[j]] = trial;
                if (best is null || trial.Ndcg10 > best.Value.Trial.Ndcg10)
                {
                    best = (trial, options, result);
                }

                onTrial?.Invoke(trial);
            }

            if (scored.Count <= 1 || budget <= clock.Elapsed)
            {
                break;
            }

            settings = [.. scored.OrderByDescending(t => t.Ndcg10).ThenBy(t => t.Number).Take((scored.Count + 1) / 2).Select(t => t.Settings)];
        }

        var (winner, winnerOptions, winnerResult) = best!.Value;
        return new SasrecSearchResult(trials, winner, winnerOptions, winnerResult);
    }
}
