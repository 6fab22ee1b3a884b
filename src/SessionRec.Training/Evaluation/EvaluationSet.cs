namespace SessionRec.Training.Evaluation;

/// <summary>The sequences an evaluation reads and the predictions to make on them.</summary>
public sealed class EvaluationSet
{
    public EvaluationSet(EvaluationProtocol protocol, IReadOnlyList<int[]> sequences, IReadOnlyList<PredictionCase> cases)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(cases);
        foreach (var c in cases)
        {
            if ((uint)c.Sequence >= (uint)sequences.Count || c.PrefixLength < 1 || c.PrefixLength >= sequences[c.Sequence].Length)
            {
                throw new ArgumentException($"Case {c} does not fit the sequences.", nameof(cases));
            }
        }

        Protocol = protocol;
        Sequences = sequences;
        Cases = cases;
    }

    public EvaluationProtocol Protocol { get; }

    public IReadOnlyList<int[]> Sequences { get; }

    public IReadOnlyList<PredictionCase> Cases { get; }

    public ReadOnlySpan<int> History(PredictionCase c) => Sequences[c.Sequence].AsSpan(0, c.PrefixLength);

    public int Target(PredictionCase c) => Sequences[c.Sequence][c.PrefixLength];
}
