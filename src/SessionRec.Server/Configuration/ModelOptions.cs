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

    /// <summary>
    /// A reload request's <c>path</c> must be a directory under this one; empty: the directory holding
    /// <see cref="Path"/> (or, with an experiment, those holding the arms' paths), and with neither, none.
    /// </summary>
    public string? ReloadRoot { get; set; }

    /// <summary>
    /// After a replaced model is disposed, hand the native memory it freed back to the OS (glibc's malloc_trim; Linux
    /// only). Off only to measure what it saves.
    /// </summary>
    public bool TrimNativeMemory { get; set; } = true;

    /// <summary>Reload by itself when the files under <see cref="Path"/> change (or a symlink there moves).</summary>
    public bool Watch { get; set; }

    /// <summary>How often <see cref="Watch"/> looks; a change must hold still for one interval before it loads.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Share of a reloaded model's items the catalog must list (items it does not list are never served): below it
    /// the model is refused as trained on another shop.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinCatalogOverlap { get; set; } = 0.5;
}
