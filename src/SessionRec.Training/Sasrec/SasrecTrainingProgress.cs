namespace SessionRec.Training.Sasrec;

public enum SasrecTrainingPhase
{
    Training,
    Validating,
}

/// <summary>
/// A progress report for a progress bar: sent after every batch and after every validation.
/// </summary>
/// <param name="Epoch">1-based epoch in progress.</param>
/// <param name="Batch">Batches finished in this epoch.</param>
/// <param name="Loss">Mean training loss of this epoch so far.</param>
/// <param name="ValidationNdcg10">NDCG@10 of the latest finished validation; null before the first one.</param>
/// <param name="BestValidationNdcg10">Best NDCG@10 so far (its weights are kept); null before the first validation.</param>
/// <param name="ValidatedEpoch">The epoch <paramref name="ValidationNdcg10"/> measured (0 before the first validation).</param>
/// <param name="ValidatedLoss">That epoch's mean training loss.</param>
/// <param name="Eta">Time left if every epoch runs (bounded by the time budget); early stopping may end sooner.</param>
public sealed record SasrecTrainingProgress(
    SasrecTrainingPhase Phase,
    int Epoch,
    int Epochs,
    int Batch,
    int Batches,
    double Loss,
    double? ValidationNdcg10,
    double? BestValidationNdcg10,
    int BestEpoch,
    TimeSpan Elapsed,
    TimeSpan Eta,
    int ValidatedEpoch = 0,
    double ValidatedLoss = 0);
