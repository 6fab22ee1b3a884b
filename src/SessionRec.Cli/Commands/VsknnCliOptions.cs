using SessionRec.Cli.Arguments;
using SessionRec.Models.Knn;

namespace SessionRec.Cli.Commands;

/// <summary>Command-line names of the V-SKNN settings.</summary>
public static class VsknnCliOptions
{
    public static readonly string[] ValueOptions = ["neighbors", "sample-size", "position-decay", "min-weight", "idf-weighting"];

    public static readonly string[] FlagOptions = ["normalize"];

    public static VsknnOptions Parse(ParsedArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var d = new VsknnOptions();
        return new VsknnOptions
        {
            Neighbors = args.GetInt("neighbors", d.Neighbors, min: 1),
            SampleSize = args.GetInt("sample-size", d.SampleSize, min: 0),
            PositionDecay = (float)args.GetDouble("position-decay", d.PositionDecay, min: 0, max: 1),
            MinPositionWeight = (float)args.GetDouble("min-weight", d.MinPositionWeight, min: 1e-6, max: 1),
            IdfWeighting = (float)args.GetDouble("idf-weighting", d.IdfWeighting, min: 0),
            Normalize = args.GetBool("normalize") ?? d.Normalize,
        };
    }
}
