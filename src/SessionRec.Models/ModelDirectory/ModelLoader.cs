using SessionRec.Core.Ranking;

namespace SessionRec.Models.ModelDirectory;

/// <summary>Loads a checked model directory for synchronous tools (the CLI's evaluate, benchmarks, tests).</summary>
/// <remarks>The server loads through <see cref="ModelKindRegistry.LoadAsync"/> in its hosted start-up.</remarks>
public static class ModelLoader
{
    public static INextItemModel Load(string directory) =>
        ModelKindRegistry.Default.LoadAsync(directory).GetAwaiter().GetResult().Model;
}
