namespace SessionRec.Training.Evaluation;

/// <summary>
/// session-rec's evaluation: for every test session of at least two clicks and every position i ≥ 1, the first i
/// clicks predict click i. Map the test file through the training vocabulary first (unknown items dropped).
/// </summary>
public static class NextItemProtocol
{
    public static EvaluationSet Create(IReadOnlyList<int[]> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var cases = new List<PredictionCase>();
        for (int s = 0; s < sessions.Count; s++)
        {
            for (int i = 1; i < sessions[s].Length; i++)
            {
                cases.Add(new PredictionCase(s, i));
            }
        }

        return new EvaluationSet(EvaluationProtocol.NextItem, sessions, cases);
    }
}
