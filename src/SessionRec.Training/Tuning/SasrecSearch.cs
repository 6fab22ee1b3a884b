using System.Diagnostics;
using SessionRec.Core.Items;
using SessionRec.Training.Evaluation;
using SessionRec.Training.Sasrec;

namespace SessionRec.Training.Tuning;

/// <summary>
/// Time-budgeted successive halving over <see cref="SasrecSearchSpace"/>, scored on a validation set only: the first
/// round trains N settings, each later round trains the better half of the previous one again from scratch with twice
/// the time, until one is left. Every round gets an equal share of the budget; time a trial leaves unused (early
/// stopping) goes to the trials after it, and time the whole bracket leaves goes to another bracket of settings not
/// tried yet. A setting whose previous run ended without hitting its budget is not run again: with its seed and
/// thread count training is deterministic, so more time would give the same weights. The winner is the trial with the
/// best validation NDCG@10 (the trainer's early-stopping criterion); its weights are returned, not retrained.
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
        while (n * 2 <= Math.Min(space.MaxSettings, space.Size) && Affords(budgetSeconds, n * 2, space, reservedShares))
        {
            n *= 2;
        }

        return n;
    }

    /// <summary>Rounds of successive halving that start from <paramref name="settings"/> settings.</summary>
    public static int Rounds(int settings) => settings <= 1 ? 1 : 1 + Rounds((settings + 1) / 2);

    /// <param name="defaults">Options of every trial (seed and threads included), whose searched settings are the first trial's.</param>
    /// <param name="onTrialStart">Called before each trial (a trial on a real catalog takes minutes).</param>
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
        Action<SasrecTrialPlan>? onTrialStart = null,
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

        var search = new Search(train, vocabulary, validation, defaults, budget, space ?? SasrecSearchSpace.Default, reservedShares, excludeSeen)
        {
            OnTrialStart = onTrialStart,
            OnTrial = onTrial,
        };
        return search.Execute(new Random(seed));
    }

    private static bool Affords(double seconds, int settings, SasrecSearchSpace space, int reservedShares) =>
        seconds / ((Rounds(settings) + reservedShares) * settings) >= space.MinTrialSeconds;

    private sealed class Search(
        IReadOnlyList<int[]> train,
        ItemVocabulary vocabulary,
        EvaluationSet validation,
        SasrecTrainingOptions defaults,
        TimeSpan budget,
        SasrecSearchSpace space,
        int reservedShares,
        bool? excludeSeen)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<SasrecTrial> _trials = [];
        private readonly HashSet<SasrecTrialSettings> _tried = [];
        private (SasrecTrial Trial, SasrecTrainingOptions Options, SasrecTrainingResult Result)? _best;

        public Action<SasrecTrialPlan>? OnTrialStart { get; init; }

        public Action<SasrecTrial>? OnTrial { get; init; }

        private double Remaining => (budget - _clock.Elapsed).TotalSeconds;

        public SasrecSearchResult Execute(Random random)
        {
            for (int bracket = 0; bracket == 0 || (Remaining > 0 && Affords(Remaining, 2, space, reservedShares)); bracket++)
            {
                var settings = space.Sample(FirstRoundSettings(Remaining, space, reservedShares), SasrecTrialSettings.Of(defaults), random, _tried);
                if (settings.Count == 0)
                {
                    break;
                }

                _tried.UnionWith(settings);
                RunBracket(bracket, settings);
            }

            var (winner, options, result) = _best!.Value;
            return new SasrecSearchResult(_trials, winner, options, result);
        }

        private void RunBracket(int bracket, IReadOnlyList<SasrecTrialSettings> settings)
        {
            int rounds = Rounds(settings.Count);
            var previous = new Dictionary<SasrecTrialSettings, SasrecTrial>();
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

                    if (Remaining <= 0 && _best is not null)
                    {
                        return;
                    }

                    // This round's unrun trials and every later round share what is left equally, round by round.
                    int slots = ((rounds - round - 1 + reservedShares) * settings.Count) + settings.Count - j;
                    var trial = RunTrial(bracket, round, settings[j], Math.Max(Remaining / slots, 0.001));
                    scored.Add(trial);
                    previous[settings[j]] = trial;
                }

                if (scored.Count <= 1)
                {
                    return;
                }

                settings = [.. scored.OrderByDescending(t => t.Ndcg10).ThenBy(t => t.Number).Take((scored.Count + 1) / 2).Select(t => t.Settings)];
            }
        }

        private SasrecTrial RunTrial(int bracket, int round, SasrecTrialSettings settings, double seconds)
        {
            var options = settings.ApplyTo(defaults) with { TimeBudgetSeconds = seconds };
            OnTrialStart?.Invoke(new SasrecTrialPlan(_trials.Count, bracket, round, settings, seconds));
            var started = _clock.Elapsed;
            var result = SasrecTrainer.Train(train, vocabulary, validation, options, excludeSeen: excludeSeen);
            var trial = new SasrecTrial(_trials.Count, bracket, round, settings, seconds, result.History.Count,
                result.BestEpoch, result.StopReason, result.BestValidation, _clock.Elapsed - started);
            _trials.Add(trial);
            if (_best is null || trial.Ndcg10 > _best.Value.Trial.Ndcg10)
            {
                _best = (trial, options, result);
            }

            OnTrial?.Invoke(trial);
            return trial;
        }
    }
}
