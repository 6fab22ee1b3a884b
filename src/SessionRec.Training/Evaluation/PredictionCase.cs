namespace SessionRec.Training.Evaluation;

/// <summary>
/// One prediction: the model sees the first <see cref="PrefixLength"/> items of sequence <see cref="Sequence"/> and
/// must rank the item at position <see cref="PrefixLength"/>. Cases point into the sequences rather than copy prefixes,
/// so the next-item protocol costs no memory per prefix.
/// </summary>
public readonly record struct PredictionCase(int Sequence, int PrefixLength);
