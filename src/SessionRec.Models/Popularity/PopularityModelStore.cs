using System.Globalization;
using System.Text;
using SessionRec.Models.ModelDirectory;

namespace SessionRec.Models.Popularity;

/// <summary>Popularity model files: <c>items.txt</c> and <c>counts.txt</c> (the count of index i on line i).</summary>
public static class PopularityModelStore
{
    public const string CountsFile = "counts.txt";

    /// <summary>Writes the model's files; the caller writes the manifest.</summary>
    public static void Save(string directory, PopularityModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        ModelFiles.WriteItems(directory, model.Vocabulary);
        using var writer = new StreamWriter(Path.Combine(directory, CountsFile), append: false, new UTF8Encoding(false));
        for (int i = 1; i < model.Counts.Count; i++)
        {
            writer.Write(model.Counts[i].ToString(CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }

    public static async Task<PopularityModel> LoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        var vocabulary = await ModelFiles.ReadItemsAsync(directory, cancellationToken).ConfigureAwait(false);
        string path = Path.Combine(directory, CountsFile);
        if (!File.Exists(path))
        {
            throw new ModelDirectoryException($"{directory}: {CountsFile} is missing.");
        }

        var counts = new List<long> { 0 };
        int line = 0;
        await foreach (string text in File.ReadLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            line++;
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long count))
            {
                throw new ModelDirectoryException($"{path}:{line}: '{text}' is not a count.");
            }

            counts.Add(count);
        }

        if (counts.Count != vocabulary.Count + 1)
        {
            throw new ModelDirectoryException($"{path}: {counts.Count - 1} counts for {vocabulary.Count} items.");
        }

        return new PopularityModel(vocabulary, counts);
    }
}
