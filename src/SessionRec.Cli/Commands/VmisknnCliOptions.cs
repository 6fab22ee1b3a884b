using SessionRec.Cli.Arguments;
using SessionRec.Models.Knn;

namespace SessionRec.Cli.Commands;

/// <summary>Command-line names of the VMIS-kNN settings (the first three shared with V-SKNN).</summary>
public static class VmisknnCliOptions
{
    public static readonly string[] SharedWithVsknn = ["neighbors", "sample-size", "idf-weighting"];

    public static readonly string[] ValueOptions = [.. SharedWithVsknn, "max-session-items", "match-decay"];

    public static VmisknnOptions Parse(ParsedArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var d = new VmisknnOptions();
        return new VmisknnOptions
        {
            Neighbors = args.GetInt("neighbors", d.Neighbors, min: 1),
            SampleSize = args.GetInt("sample-size", d.SampleSize, min: 1),
            MaxSessionItems = args.GetInt("max-session-items", d.MaxSessionItems, min: 0),
            MatchDecay = (float)args.GetDouble("match-decay", d.MatchDecay, min: 0, max: 1),
            IdfWeighting = (float)args.GetDouble("idf-weighting", d.IdfWeighting, min: 0),
        };
    }
}
