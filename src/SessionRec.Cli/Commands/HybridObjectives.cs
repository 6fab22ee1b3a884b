using SessionRec.Training.Tuning;

namespace SessionRec.Cli.Commands;

/// <summary>The blend objectives' names on the command line (<c>hr</c>, with its floor, is <c>tune</c>'s alone).</summary>
internal static class HybridObjectives
{
    public const string Mrr = "mrr";

    public const string OneStandardError = "hr-1se";

    public static HybridObjective Parse(string name) =>
        name == OneStandardError ? HybridObjective.HitRateWithinOneStandardError : HybridObjective.Mrr;
}
