using System.Text;
using System.Text.Json;
using SessionRec.Core.Items;

namespace SessionRec.Models.ModelDirectory;

/// <summary>The files every model directory has: <c>manifest.json</c> and <c>items.txt</c>.</summary>
public static class ModelFiles
{
    public const string Manifest = "manifest.json";
    public const string Items = "items.txt";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static void WriteManifest(string directory, ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, Manifest), JsonSerializer.Serialize(manifest, JsonOptions) + "\n");
    }

    /// <summary>For synchronous tools (CLI, benchmarks); the server reads with <see cref="ReadManifestAsync"/>.</summary>
    public static ModelManifest ReadManifest(string directory) => ReadManifestAsync(directory).GetAwaiter().GetResult();

    public static async Task<ModelManifest> ReadManifestAsync(string directory, CancellationToken cancellationToken = default)
    {
        string path = Path.Combine(directory, Manifest);
        if (!File.Exists(path))
        {
            throw new ModelDirectoryException($"{directory} is not a model directory: {Manifest} is missing.");
        }

        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<ModelManifest>(stream, cancellationToken: cancellationToken).ConfigureAwait(false)
                ?? throw new ModelDirectoryException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new ModelDirectoryException($"{path} is not a valid manifest: {e.Message}", e);
        }
    }

    /// <summary>Writes the external id of index i on line i (i = 1..N).</summary>
    public static void WriteItems(string directory, ItemVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        Directory.CreateDirectory(directory);
        using var writer = new StreamWriter(Path.Combine(directory, Items), append: false, new UTF8Encoding(false));
        foreach (string id in vocabulary.Ids)
        {
            if (id.AsSpan().ContainsAny('\n', '\r'))
            {
                throw new ArgumentException($"Item id '{id}' holds a line break and cannot be written to {Items}.", nameof(vocabulary));
            }

            writer.Write(id);
            writer.Write('\n');
        }
    }

    /// <summary>For synchronous tools (CLI, benchmarks); the server reads with <see cref="ReadItemsAsync"/>.</summary>
    public static ItemVocabulary ReadItems(string directory) => ReadItemsAsync(directory).GetAwaiter().GetResult();

    public static async Task<ItemVocabulary> ReadItemsAsync(string directory, CancellationToken cancellationToken = default)
    {
        string path = Path.Combine(directory, Items);
        if (!File.Exists(path))
        {
            throw new ModelDirectoryException($"{directory}: {Items} is missing.");
        }

        var ids = new List<string>();
        int line = 0;
        await foreach (string id in File.ReadLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            line++;
            if (id.Length == 0)
            {
                throw new ModelDirectoryException($"{path}:{line}: empty item id.");
            }

            ids.Add(id);
        }

        try
        {
            return new ItemVocabulary(ids);
        }
        catch (ArgumentException e)
        {
            throw new ModelDirectoryException($"{path}: {e.Message}", e);
        }
    }
}
