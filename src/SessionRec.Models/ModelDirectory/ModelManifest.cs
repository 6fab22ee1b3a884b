using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SessionRec.Models.ModelDirectory;

/// <summary>
/// <c>manifest.json</c> of a model directory. <see cref="Type"/> picks the loader (see <see cref="ModelLoader"/>);
/// the loosely typed parts are JSON objects because each model type has its own hyper-parameters.
/// </summary>
public sealed record ModelManifest
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("created")]
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UtcNow;

    [JsonPropertyName("hyper_parameters")]
    public JsonObject HyperParameters { get; init; } = [];

    [JsonPropertyName("dataset")]
    public ManifestDataset? Dataset { get; init; }

    /// <summary>Figures on the validation split, as printed by <c>evaluate --json</c>; null when not measured.</summary>
    [JsonPropertyName("validation")]
    public JsonObject? Validation { get; init; }

    /// <summary>Figures on the test split, as printed by <c>evaluate --json</c>; null when not measured.</summary>
    [JsonPropertyName("test")]
    public JsonObject? Test { get; init; }
}

/// <summary>What the model was trained on: enough to tell whether a data file is the same one.</summary>
public sealed record ManifestDataset
{
    [JsonPropertyName("path")]
    public required string Path { get; init; }

    /// <summary><c>sha256:</c> and the hex digest of the file's bytes.</summary>
    [JsonPropertyName("fingerprint")]
    public required string Fingerprint { get; init; }

    /// <summary>"sequences" or "sessions".</summary>
    [JsonPropertyName("format")]
    public string? Format { get; init; }

    /// <summary>Users (sequence files) or sessions (click logs) in the file.</summary>
    [JsonPropertyName("users")]
    public int Users { get; init; }

    [JsonPropertyName("items")]
    public int Items { get; init; }

    [JsonPropertyName("interactions")]
    public long Interactions { get; init; }
}
