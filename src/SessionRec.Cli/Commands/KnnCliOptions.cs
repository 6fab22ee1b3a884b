using System.CommandLine;
using SessionRec.Cli.Arguments;
using SessionRec.Models.Knn;

namespace SessionRec.Cli.Commands;

/// <summary>
/// The session-kNN settings on the command line. V-SKNN and VMIS-kNN share three names with different defaults, so
/// those have none here: each kind fills in its own record's default.
/// </summary>
internal sealed class KnnCliOptions
{
    private static readonly VsknnOptions V = new();
    private static readonly VmisknnOptions M = new();

    public Option<int?> Neighbors { get; } = CliOptions.OptionalInt("--neighbors",
        $"Neighbour sessions kept (vsknn {V.Neighbors}, vmisknn {M.Neighbors}).", min: 1);

    public Option<int?> SampleSize { get; } = CliOptions.OptionalInt("--sample-size",
        $"Most recent sessions sharing an item considered as candidates (vsknn {V.SampleSize}, 0: all; vmisknn {M.SampleSize}, ≥ 1).", min: 0);

    public Option<double?> IdfWeighting { get; } = CliOptions.OptionalDouble("--idf-weighting",
        $"Weight of the items' idf, 0 off (vsknn {V.IdfWeighting}, vmisknn {M.IdfWeighting}).", min: 0);

    public Option<double?> PositionDecay { get; } = CliOptions.OptionalDouble("--position-decay",
        $"vsknn: linear decay of older clicks' weight in the current session (default {V.PositionDecay}).", min: 0, max: 1);

    public Option<double?> MinWeight { get; } = CliOptions.OptionalDouble("--min-weight",
        $"vsknn: floor of that weight (default {V.MinPositionWeight}).", min: 1e-6, max: 1);

    public Option<bool> Normalize { get; } = CliOptions.Flag("--normalize",
        "vsknn: divide a neighbour's similarity by the square root of its length.");

    public Option<int?> MaxSessionItems { get; } = CliOptions.OptionalInt("--max-session-items",
        $"vmisknn: newest clicks of the current session matched (default {M.MaxSessionItems}).", min: 0);

    public Option<double?> MatchDecay { get; } = CliOptions.OptionalDouble("--match-decay",
        $"vmisknn: decay of a neighbour's vote by how far back its newest shared click is (default {M.MatchDecay}).", min: 0, max: 1);

    public Option[] Shared => [Neighbors, SampleSize, IdfWeighting];

    public Option[] VsknnOnly => [PositionDecay, MinWeight, Normalize];

    public Option[] VmisknnOnly => [MaxSessionItems, MatchDecay];

    public Option[] All => [.. Shared, .. VsknnOnly, .. VmisknnOnly];

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    public VsknnOptions Vsknn(ParseResult r) => new()
    {
        Neighbors = r.GetValue(Neighbors) ?? V.Neighbors,
        SampleSize = r.GetValue(SampleSize) ?? V.SampleSize,
        PositionDecay = (float)(r.GetValue(PositionDecay) ?? V.PositionDecay),
        MinPositionWeight = (float)(r.GetValue(MinWeight) ?? V.MinPositionWeight),
        IdfWeighting = (float)(r.GetValue(IdfWeighting) ?? V.IdfWeighting),
        Normalize = r.Given(Normalize) ? r.GetValue(Normalize) : V.Normalize,
    };

    public VmisknnOptions Vmisknn(ParseResult r)
    {
        int sampleSize = r.GetValue(SampleSize) ?? M.SampleSize;
        if (sampleSize < 1)
        {
            throw new CliUsageException($"--sample-size must be ≥ 1 for vmisknn, got {sampleSize}.");
        }

        return new VmisknnOptions
        {
            Neighbors = r.GetValue(Neighbors) ?? M.Neighbors,
            SampleSize = sampleSize,
            MaxSessionItems = r.GetValue(MaxSessionItems) ?? M.MaxSessionItems,
            MatchDecay = (float)(r.GetValue(MatchDecay) ?? M.MatchDecay),
            IdfWeighting = (float)(r.GetValue(IdfWeighting) ?? M.IdfWeighting),
        };
    }
}
