using System.Text.Json.Nodes;
using SessionRec.Models.ModelDirectory;

namespace SessionRec.Models.Knn;

/// <summary>
/// VMIS-kNN model files: the same <c>items.txt</c> and <c>sessions.txt</c> as V-SKNN (see <see cref="VsknnModelStore"/>);
/// the index is rebuilt on load with the manifest's hyper-parameters.
/// </summary>
public static class VmisknnModelStore
{
    /// <summary>Writes the model's files; the caller writes the manifest (see <see cref="HyperParameters"/>).</summary>
    public static void Save(string directory, VmisknnModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        VsknnModelStore.WriteSessions(directory, model.Vocabulary, model.Sessions);
    }

    public static JsonObject HyperParameters(VmisknnOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new JsonObject
        {
            ["neighbors"] = options.Neighbors,
            ["sample_size"] = options.SampleSize,
            ["max_session_items"] = options.MaxSessionItems,
            ["match_decay"] = options.MatchDecay,
            ["idf_weighting"] = options.IdfWeighting,
        };
    }

    /// <summary>Reads options back; missing entries keep their defaults.</summary>
    public static VmisknnOptions OptionsFrom(JsonObject hyperParameters)
    {
        ArgumentNullException.ThrowIfNull(hyperParameters);
        var defaults = new VmisknnOptions();
        try
        {
            return new VmisknnOptions
            {
                Neighbors = hyperParameters["neighbors"]?.GetValue<int>() ?? defaults.Neighbors,
                SampleSize = hyperParameters["sample_size"]?.GetValue<int>() ?? defaults.SampleSize,
                MaxSessionItems = hyperParameters["max_session_items"]?.GetValue<int>() ?? defaults.MaxSessionItems,
                MatchDecay = hyperParameters["match_decay"]?.GetValue<float>() ?? defaults.MatchDecay,
                IdfWeighting = hyperParameters["idf_weighting"]?.GetValue<float>() ?? defaults.IdfWeighting,
            };
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new ModelDirectoryException($"VMIS-kNN hyper-parameters are malformed: {e.Message}", e);
        }
    }

    public static async Task<VmisknnModel> LoadAsync(string directory, ModelManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var options = OptionsFrom(manifest.HyperParameters);
        var vocabulary = await ModelFiles.ReadItemsAsync(directory, cancellationToken).ConfigureAwait(false);
        var sessions = await VsknnModelStore.ReadSessionsAsync(directory, vocabulary, cancellationToken).ConfigureAwait(false);
        return new VmisknnModel(vocabulary, sessions, options);
    }
}
