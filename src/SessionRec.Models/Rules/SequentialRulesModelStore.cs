using System.Text.Json.Nodes;
using SessionRec.Models.Knn;
using SessionRec.Models.ModelDirectory;

namespace SessionRec.Models.Rules;

/// <summary>
/// Sequential-rules model files: the same <c>items.txt</c> and <c>sessions.txt</c> as V-SKNN (see
/// <see cref="VsknnModelStore"/>); the rules are rebuilt on load with the manifest's hyper-parameters (well under a
/// second for 100k clicks), so one file format serves every session-built kind.
/// </summary>
public static class SequentialRulesModelStore
{
    /// <summary>Writes the model's files; the caller writes the manifest (see <see cref="HyperParameters"/>).</summary>
    public static void Save(string directory, SequentialRulesModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        VsknnModelStore.WriteSessions(directory, model.Vocabulary, model.Sessions);
    }

    public static JsonObject HyperParameters(SequentialRulesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new JsonObject
        {
            ["steps"] = options.Steps,
            ["max_rules_per_item"] = options.MaxRulesPerItem,
            ["history_decay"] = options.HistoryDecay,
        };
    }

    /// <summary>Reads options back; missing entries keep their defaults.</summary>
    public static SequentialRulesOptions OptionsFrom(JsonObject hyperParameters)
    {
        ArgumentNullException.ThrowIfNull(hyperParameters);
        var defaults = new SequentialRulesOptions();
        try
        {
            return new SequentialRulesOptions
            {
                Steps = hyperParameters["steps"]?.GetValue<int>() ?? defaults.Steps,
                MaxRulesPerItem = hyperParameters["max_rules_per_item"]?.GetValue<int>() ?? defaults.MaxRulesPerItem,
                HistoryDecay = hyperParameters["history_decay"]?.GetValue<float>() ?? defaults.HistoryDecay,
            };
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new ModelDirectoryException($"Sequential-rules hyper-parameters are malformed: {e.Message}", e);
        }
    }

    public static async Task<SequentialRulesModel> LoadAsync(string directory, ModelManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var options = OptionsFrom(manifest.HyperParameters);
        var vocabulary = await ModelFiles.ReadItemsAsync(directory, cancellationToken).ConfigureAwait(false);
        var sessions = await VsknnModelStore.ReadSessionsAsync(directory, vocabulary, cancellationToken).ConfigureAwait(false);
        try
        {
            return new SequentialRulesModel(vocabulary, sessions, options);
        }
        catch (ArgumentException e)
        {
            throw new ModelDirectoryException($"{directory}: {e.Message}", e);
        }
    }
}
