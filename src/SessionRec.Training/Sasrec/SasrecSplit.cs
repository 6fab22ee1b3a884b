using SessionRec.Training.Evaluation;

namespace SessionRec.Training.Sasrec;

/// <summary>What a SASRec run trains on and the sets it is measured on (see <see cref="SasrecTraining.Split"/>).</summary>
/// <param name="HeldOutRecent">The validation set is the newest sessions held out of a click log, so a refit on every
/// session can follow.</param>
public sealed record SasrecSplit(IReadOnlyList<int[]> Train, EvaluationSet? Validation, EvaluationSet? Test, bool HeldOutRecent);
