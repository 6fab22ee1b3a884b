using SessionRec.Core.Serving;

namespace SessionRec.Core.Experiments;

/// <summary>One arm of an A/B experiment: its name, its own model slot (reloaded on its own), the model directory it
/// serves, and its figures.</summary>
public sealed class ExperimentArm(string name, ModelSlot slot, string path, ArmStats stats)
{
    private string _path = path;

    public string Name { get; } = name;

    public ModelSlot Slot { get; } = slot;

    public ArmStats Stats { get; } = stats;

    /// <summary>The model directory it serves: configured, then whatever a reload loaded.</summary>
    public string Path
    {
        get => Volatile.Read(ref _path);
        set => Volatile.Write(ref _path, value);
    }
}
