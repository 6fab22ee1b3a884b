using System.Text;
using System.Text.Json.Nodes;
using SessionRec.Core.Items;
using SessionRec.Models.ModelDirectory;

namespace SessionRec.Models.Knn;

/// <summary>
/// V-SKNN model files: <c>items.txt</c> and <c>sessions.txt</c> (one training session per line, external item ids
/// separated by tabs, oldest session first), from which the model is rebuilt on load with the manifest's
/// hyper-parameters.
/// </summary>
public static class VsknnModelStore
{
    public const string SessionsFile = "sessions.txt";

    /// <summary>Writes the model's files; the caller writes the manifest (see <see cref="HyperParameters"/>).</summary>
    public static void Save(string directory, VsknnModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        WriteSessions(directory, model.Vocabulary, model.Sessions);
    }

    /// <summary>Writes <c>items.txt</c> and <c>sessions.txt</c>; shared by the session-kNN kinds.</summary>
    internal static void WriteSessions(string directory, ItemVocabulary vocabulary, IReadOnlyList<int[]> sessions)
    {
        ModelFiles.WriteItems(directory, vocabulary);
        using var writer = new StreamWriter(Path.Combine(directory, SessionsFile), append: false, new UTF8Encoding(false));
        foreach (var session in sessions)
        {
            for (int i = 0; i < session.Length; i++)
            {
                string id = vocabulary[session[i]];
                if (id.Contains('\t', StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Item id '{id}' holds a tab and cannot be written to {SessionsFile}.", nameof(vocabulary));
                }

                if (i > 0)
                {
                    writer.Write('\t');
                }

                writer.Write(id);
            }

            writer.Write('\n');
        }
    }

    public static JsonObject HyperParameters(VsknnOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new JsonObject
        {
            ["neighbors"] = options.Neighbors,
            ["sample_size"] = options.SampleSize,
            ["position_decay"] = options.PositionDecay,
            ["min_position_weight"] = options.MinPositionWeight,
            ["idf_weighting"] = options.IdfWeighting,
            ["normalize"] = options.Normalize,
        };
    }

    /// <summary>Reads options back; missing entries keep their defaults.</summary>
    public static VsknnOptions OptionsFrom(JsonObject hyperParameters)
    {
        ArgumentNullException.ThrowIfNull(hyperParameters);
        var defaults = new VsknnOptions();
        try
        {
            return new VsknnOptions
            {
                Neighbors = hyperParameters["neighbors"]?.GetValue<int>() ?? defaults.Neighbors,
                SampleSize = hyperParameters["sample_size"]?.GetValue<int>() ?? defaults.SampleSize,
                PositionDecay = hyperParameters["position_decay"]?.GetValue<float>() ?? defaults.PositionDecay,
                MinPositionWeight = hyperParameters["min_position_weight"]?.GetValue<float>() ?? defaults.MinPositionWeight,
                IdfWeighting = hyperParameters["idf_weighting"]?.GetValue<float>() ?? defaults.IdfWeighting,
                Normalize = hyperParameters["normalize"]?.GetValue<bool>() ?? defaults.Normalize,
            };
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new ModelDirectoryException($"V-SKNN hyper-parameters are malformed: {e.Message}", e);
        }
    }

    public static async Task<VsknnModel> LoadAsync(string directory, ModelManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var options = OptionsFrom(manifest.HyperParameters);
        var vocabulary = await ModelFiles.ReadItemsAsync(directory, cancellationToken).ConfigureAwait(false);
        var sessions = await ReadSessionsAsync(directory, vocabulary, cancellationToken).ConfigureAwait(false);
        return new VsknnModel(vocabulary, sessions, options);
    }

    internal static async Task<List<int[]>> ReadSessionsAsync(string directory, ItemVocabulary vocabulary, CancellationToken cancellationToken)
    {
        string path = Path.Combine(directory, SessionsFile);
        if (!File.Exists(path))
        {
            throw new ModelDirectoryException($"{directory}: {SessionsFile} is missing.");
        }

        var sessions = new List<int[]>();
        int line = 0;
        await foreach (string text in File.ReadLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            line++;
            if (text.Length == 0)
            {
                sessions.Add([]);
                continue;
            }

            var ids = text.Split('\t');
            var session = new int[ids.Length];
            for (int i = 0; i < ids.Length; i++)
            {
                if (!vocabulary.TryGetIndex(ids[i], out session[i]))
                {
                    throw new ModelDirectoryException($"{path}:{line}: item '{ids[i]}' is not in {ModelFiles.Items}.");
                }
            }

            sessions.Add(session);
        }

        return sessions;
    }
}
