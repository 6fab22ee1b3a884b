using System.ComponentModel.DataAnnotations;
using SessionRec.Models.Demo;

namespace SessionRec.Server.Configuration;

/// <summary>Which model to serve (configuration section "Model").</summary>
public sealed class ModelOptions
{
    public const string SectionName = "Model";

    /// <summary>A model directory written by <c>sessionrec train</c>; empty serves session-kNN on the generated demo shop.</summary>
    public string? Path { get; set; }

    [Range(96, 1_000_000)]
    public int DemoItems { get; set; } = DemoDataGenerator.DefaultItems;

    [Range(1, 10_000_000)]
    public int DemoSessions { get; set; } = DemoDataGenerator.DefaultSessions;

    public int DemoSeed { get; set; } = DemoDataGenerator.DefaultSeed;
}
