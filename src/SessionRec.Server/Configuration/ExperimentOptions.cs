namespace SessionRec.Server.Configuration;

/// <summary>
/// An A/B experiment (configuration section "Experiments"): <c>Experiments:Arms:N:Name</c>,
/// <c>Experiments:Arms:N:Model:Path</c>, <c>Experiments:Arms:N:Weight</c>. When arms are configured they replace
/// <c>Model:Path</c>; the first arm is the control the others are compared with.
/// </summary>
public sealed class ExperimentOptions
{
    public const string SectionName = "Experiments";

    public List<ArmOptions> Arms { get; set; } = [];

    /// <summary>What is wrong with the arms (null when they may serve), named by setting.</summary>
    public string? Problem()
    {
        for (int i = 0; i < Arms.Count; i++)
        {
            var arm = Arms[i];
            if (string.IsNullOrWhiteSpace(arm.Name) || arm.Name.Length > 64 || arm.Name.Any(char.IsControl))
            {
                return $"Experiments:Arms:{i}:Name must be 1 to 64 printable characters.";
            }

            if (string.IsNullOrWhiteSpace(arm.Model.Path))
            {
                return $"Experiments:Arms:{i}:Model:Path (arm '{arm.Name}') must name a model directory.";
            }

            if (!double.IsFinite(arm.Weight) || arm.Weight < 0)
            {
                return $"Experiments:Arms:{i}:Weight (arm '{arm.Name}') must be a number ≥ 0.";
            }
        }

        if (Arms.Select(a => a.Name).Distinct(StringComparer.Ordinal).Count() != Arms.Count)
        {
            return "Experiments:Arms names must be distinct.";
        }

        return Arms.Count > 0 && Arms.Sum(a => a.Weight) <= 0 ? "Experiments:Arms: at least one Weight must be positive." : null;
    }
}

public sealed class ArmOptions
{
    public string Name { get; set; } = "";

    public ArmModelOptions Model { get; set; } = new();

    /// <summary>Relative share of sessions (weights need not sum to 1).</summary>
    public double Weight { get; set; } = 1;
}

public sealed class ArmModelOptions
{
    public string? Path { get; set; }
}
