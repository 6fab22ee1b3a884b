namespace SessionRec.Training.Evaluation;

/// <summary>
/// The S3-Rec / ICLRec split: per user the last item is the test target (history: everything before it), the
/// second-to-last the validation target (history: everything before that), and all but the last two items train.
/// Users with fewer than three items cannot give both targets and a non-empty history, so they only train.
/// </summary>
public sealed class LeaveOneOutSplit
{
    private LeaveOneOutSplit(IReadOnlyList<int[]> train, EvaluationSet validation, EvaluationSet test)
    {
        Train = train;
        Validation = validation;
        Test = test;
    }

    /// <summary>Training sequences, one per user, in the users' order.</summary>
    public IReadOnlyList<int[]> Train { get; }

    public EvaluationSet Validation { get; }

    public EvaluationSet Test { get; }

    public static LeaveOneOutSplit Create(IReadOnlyList<int[]> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var train = new List<int[]>(sequences.Count);
        var validation = new List<PredictionCase>(sequences.Count);
        var test = new List<PredictionCase>(sequences.Count);
        for (int u = 0; u < sequences.Count; u++)
        {
            var s = sequences[u];
            if (s.Length < 3)
            {
                train.Add(s);
                continue;
            }

            train.Add(s[..^2]);
            validation.Add(new PredictionCase(u, s.Length - 2));
            test.Add(new PredictionCase(u, s.Length - 1));
        }

        return new LeaveOneOutSplit(
            train,
            new EvaluationSet(EvaluationProtocol.LeaveOneOut, sequences, validation),
            new EvaluationSet(EvaluationProtocol.LeaveOneOut, sequences, test));
    }
}
