namespace SessionRec.Cli.Simulation;

/// <summary>How the simulator replays sessions.</summary>
public sealed record SimulationOptions
{
    /// <summary>Target clicks per second across all workers (each click also costs a recommend and a feedback).</summary>
    public double ClicksPerSecond { get; init; } = 50;

    /// <summary>Stop after this long even if sessions remain; null replays every session once.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Sessions replayed at once.</summary>
    public int Concurrency { get; init; } = 8;

    public int K { get; init; } = 10;

    /// <summary>Prefix of the session ids sent, so repeated runs start from empty sessions on the server.</summary>
    public string RunId { get; init; } = Guid.NewGuid().ToString("N")[..8];

    /// <summary>Where each click and recommendation is written as it happens; null: nowhere.</summary>
    public SimulationTrace? Trace { get; init; }
}
