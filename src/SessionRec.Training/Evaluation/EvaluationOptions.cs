namespace SessionRec.Training.Evaluation;

public sealed record EvaluationOptions
{
    /// <summary>Cut-offs reported together; the model is asked once for the largest.</summary>
    public IReadOnlyList<int> Ks { get; init; } = [5, 10, 20];

    /// <summary>Drop the input history from the ranking; null uses the protocol's default.</summary>
    public bool? ExcludeSeen { get; init; }

    /// <summary>Worker threads; results do not depend on it.</summary>
    public int Threads { get; init; } = Math.Min(2, Environment.ProcessorCount);

    public void Validate()
    {
        if (Ks.Count == 0 || Ks.Any(k => k < 1))
        {
            throw new ArgumentException("Cut-offs must be positive and at least one is needed.");
        }

        if (Threads < 1)
        {
            throw new ArgumentException("Threads must be positive.");
        }
    }
}
