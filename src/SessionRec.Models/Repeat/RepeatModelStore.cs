using System.Text.Json.Nodes;
using SessionRec.Core.Ranking;
using SessionRec.Models.ModelDirectory;

namespace SessionRec.Models.Repeat;

/// <summary>
/// The repeat mixture's settings in a manifest (<c>hyper_parameters.repeat</c>). Every loaded model is wrapped: a
/// manifest without the entry gets the defaults (softmax explore scores for embedding models, whose scores are
/// logits), and <c>{"weight": 0}</c> turns it off.
/// </summary>
public static class RepeatModelStore
{
    public const string Key = "repeat";

    public static JsonObject ToJson(RepeatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new JsonObject
        {
            ["weight"] = options.Weight,
            ["decay"] = options.Decay,
            ["explore"] = options.Explore == ExploreScores.Softmax ? "softmax" : "sum",
            ["pool"] = options.Pool,
        };
    }

    /// <summary>Defaults for a model type: logit-scored models (SASRec) normalize with a softmax.</summary>
    public static RepeatOptions DefaultsFor(string modelType) =>
        modelType == "sasrec" ? new RepeatOptions { Explore = ExploreScores.Softmax } : new RepeatOptions();

    public static RepeatOptions OptionsFrom(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var defaults = DefaultsFor(manifest.Type);
        if (manifest.HyperParameters[Key] is not JsonObject json)
        {
            return defaults;
        }

        try
        {
            var options = new RepeatOptions
            {
                Weight = json["weight"]?.GetValue<float>() ?? defaults.Weight,
                Decay = json["decay"]?.GetValue<float>() ?? defaults.Decay,
                Explore = json["explore"]?.GetValue<string>() switch
                {
                    null => defaults.Explore,
                    "sum" => ExploreScores.Sum,
                    "softmax" => ExploreScores.Softmax,
                    var other => throw new FormatException($"explore must be 'sum' or 'softmax', got '{other}'."),
                },
                Pool = json["pool"]?.GetValue<int>() ?? defaults.Pool,
            };
            options.Validate();
            return options;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            throw new ModelDirectoryException($"Repeat settings are malformed: {e.Message}", e);
        }
    }

    public static INextItemModel Wrap(INextItemModel model, ModelManifest manifest) =>
        model is RepeatAwareModel ? model : new RepeatAwareModel(model, OptionsFrom(manifest));
}
