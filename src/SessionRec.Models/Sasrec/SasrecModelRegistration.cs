using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using SessionRec.Core.Ranking;
using SessionRec.Models.ModelDirectory;

namespace SessionRec.Models.Sasrec;

/// <summary>Plugs SASRec directories (manifest type "sasrec") into <see cref="ModelLoader"/>.</summary>
internal static class SasrecModelRegistration
{
    // ModelLoader lives in this assembly, so this runs before anyone can load a directory through it; a module
    // initializer keeps the SASRec dependency (ONNX Runtime) out of the loader's own file.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => ModelLoader.Register(SasrecArtifact.ModelName, Load);

    internal static INextItemModel Load(string directory, ModelManifest manifest) =>
        SasrecArtifact.Load(directory, ModelFiles.ReadItems(directory), MaxLenOf(manifest));

    // Only a model without max_len metadata (e.g. some PyTorch exports) needs the manifest's value.
    private static int? MaxLenOf(ModelManifest manifest) =>
        manifest.HyperParameters.TryGetPropertyValue("max_len", out var node)
        && node is JsonValue value && value.TryGetValue(out int maxLen)
            ? maxLen
            : null;
}
