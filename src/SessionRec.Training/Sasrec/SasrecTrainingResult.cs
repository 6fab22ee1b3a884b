using SessionRec.Training.Evaluation;

namespace SessionRec.Training.Sasrec;

/// <summary>Why training ended.</summary>
public enum SasrecStopReason
{
    /// <summary>All requested epochs ran.</summary>
    Epochs,

    /// <summary>Validation NDCG@10 stopped improving for the configured patience.</summary>
    EarlyStopping,

    /// <summary>The time budget ran out.</summary>
    TimeBudget,

    /// <summary>The caller cancelled; the best weights so far are returned.</summary>
    Cancelled,
}

/// <summary>One epoch of training, with its validation if one ran after it.</summary>
public sealed record SasrecEpochRecord(int Epoch, double Loss, TimeSpan TrainTime, EvaluationResult? Validation, TimeSpan ValidationTime);

/// <summary>
/// What <see cref="SasrecTrainer"/> produced: the weights of the best validated epoch (the last epoch without a
/// validation set) and the history.
/// </summary>
public sealed record SasrecTrainingResult(
    SasrecWeights Weights,
    int BestEpoch,
    EvaluationResult? BestValidation,
    IReadOnlyList<SasrecEpochRecord> History,
    SasrecStopReason StopReason,
    TimeSpan Elapsed);
