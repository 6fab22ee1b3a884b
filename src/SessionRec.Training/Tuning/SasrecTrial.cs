using SessionRec.Training.Evaluation;
using SessionRec.Training.Sasrec;

namespace SessionRec.Training.Tuning;

/// <summary>One training run of <see cref="SasrecSearch"/> and its best validation figures.</summary>
/// <param name="Bracket">Successive-halving bracket, 0 first (later ones use time the earlier left unused).</param>
/// <param name="Round">Round within the bracket, 0 first.</param>
/// <param name="BudgetSeconds">The run's <see cref="SasrecTrainingOptions.TimeBudgetSeconds"/>.</param>
public sealed record SasrecTrial(
    int Number,
    int Bracket,
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

/// <summary>A trial about to run (see <see cref="SasrecTrial"/>).</summary>
public sealed record SasrecTrialPlan(int Number, int Bracket, int Round, SasrecTrialSettings Settings, double BudgetSeconds);

/// <summary>Every trial, the winner (best validation NDCG@10 of all trials) and its trained weights.</summary>
public sealed record SasrecSearchResult(IReadOnlyList<SasrecTrial> Trials, SasrecTrial Winner, SasrecTrainingOptions WinnerOptions, SasrecTrainingResult WinnerResult);
