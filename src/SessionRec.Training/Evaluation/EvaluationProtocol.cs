namespace SessionRec.Training.Evaluation;

public enum EvaluationProtocol
{
    /// <summary>Per user: last item test, second-to-last validation, the rest training (S3-Rec / ICLRec).</summary>
    LeaveOneOut,

    /// <summary>Every prefix of every test session predicts the next click (session-rec).</summary>
    NextItem,
}

public static class EvaluationProtocolNames
{
    public static string ToName(this EvaluationProtocol protocol) => protocol switch
    {
        EvaluationProtocol.LeaveOneOut => "leave-one-out",
        EvaluationProtocol.NextItem => "next-item",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol)),
    };

    public static bool TryParse(string name, out EvaluationProtocol protocol)
    {
        switch (name)
        {
            case "leave-one-out":
                protocol = EvaluationProtocol.LeaveOneOut;
                return true;
            case "next-item":
                protocol = EvaluationProtocol.NextItem;
                return true;
            default:
                protocol = default;
                return false;
        }
    }

    /// <summary>
    /// Leave-one-out excludes the history from the ranking as S3-Rec/ICLRec do; next-item keeps it as session-rec does
    /// (about a third of YOOCHOOSE next clicks are re-clicks).
    /// </summary>
    public static bool DefaultExcludeSeen(this EvaluationProtocol protocol) => protocol == EvaluationProtocol.LeaveOneOut;
}
