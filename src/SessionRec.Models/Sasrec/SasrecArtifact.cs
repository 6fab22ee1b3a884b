using Microsoft.ML.OnnxRuntime;
using SessionRec.Core.Items;
using SessionRec.Core.Retrieval;
using SessionRec.Models.ModelDirectory;

namespace SessionRec.Models.Sasrec;

/// <summary>
/// The SASRec files of a model directory: <c>model.onnx</c> (the session encoder) and <c>item_embeddings.npy</c>
/// (the scoring table). items.txt and manifest.json belong to <see cref="ModelFiles"/>; the loader takes the
/// vocabulary read from them. See docs/model-contract.md. Writing them needs the trained weights and the ONNX
/// exporter, so it lives with the trainer (SessionRec.Training's <c>SasrecArtifactWriter</c>).
/// </summary>
public static class SasrecArtifact
{
    /// <summary>The manifest type of SASRec model directories.</summary>
    public const string ModelName = "sasrec";
    public const string OnnxFileName = "model.onnx";
    public const string ItemEmbeddingsFileName = "item_embeddings.npy";

    /// <summary>
    /// Loads the encoder and item table of <paramref name="directory"/> as a servable model. Any ONNX file that
    /// follows the contract works; <paramref name="maxLen"/> is needed only if the model lacks max_len metadata.
    /// </summary>
    public static EmbeddingModel Load(string directory, ItemVocabulary vocabulary, int? maxLen = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var index = LoadItemIndex(directory, vocabulary);
        var encoder = LoadEncoder(directory, vocabulary, maxLen);
        try
        {
            return new EmbeddingModel(ModelName, vocabulary, encoder, index);
        }
        catch (ArgumentException e)
        {
            encoder.Dispose();
            throw new ModelDirectoryException($"{directory}: {e.Message}", e);
        }
    }

    public static ExactItemIndex LoadItemIndex(string directory, ItemVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        string path = RequireFile(directory, ItemEmbeddingsFileName);
        NpyMatrix table;
        try
        {
            table = NpyFile.Read(path);
        }
        catch (InvalidDataException e)
        {
            throw new ModelDirectoryException(e.Message, e);
        }

        if (table.Rows != vocabulary.Count + 1 || table.Columns < 1)
        {
            throw new ModelDirectoryException(
                $"{path} is [{table.Rows}, {table.Columns}] but the vocabulary has {vocabulary.Count} items " +
                "(expected N + 1 rows, row 0 padding).");
        }

        return new ExactItemIndex(table.Data, table.Columns);
    }

    private static OnnxSessionEncoder LoadEncoder(string directory, ItemVocabulary vocabulary, int? maxLen)
    {
        string path = RequireFile(directory, OnnxFileName);
        try
        {
            return new OnnxSessionEncoder(path, vocabulary.Count, maxLen);
        }
        catch (Exception e) when (e is OnnxRuntimeException or InvalidDataException)
        {
            throw new ModelDirectoryException($"{path}: {e.Message}", e);
        }
    }

    private static string RequireFile(string directory, string name)
    {
        string path = Path.Combine(directory, name);
        return File.Exists(path) ? path : throw new ModelDirectoryException($"{directory}: {name} is missing.");
    }
}
