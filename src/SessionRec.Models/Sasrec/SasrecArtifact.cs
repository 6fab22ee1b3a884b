using Microsoft.ML.OnnxRuntime;
using SessionRec.Core.Items;
using SessionRec.Core.Ranking;
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
    /// Loads the encoder and an exact item index of <paramref name="directory"/>, for synchronous tools; the server
    /// loads through <see cref="SasrecModelKind"/>. Any ONNX file that follows the contract works;
    /// <paramref name="maxLen"/> is needed only if the model lacks max_len metadata.
    /// </summary>
    public static EmbeddingModel Load(string directory, ItemVocabulary vocabulary, int? maxLen = null) =>
        LoadAsync(directory, vocabulary, maxLen, ModelLoadOptions.Default).GetAwaiter().GetResult();

    /// <summary>Reads item_embeddings.npy and model.onnx once each and builds the index the options ask for.</summary>
    public static async Task<EmbeddingModel> LoadAsync(string directory, ItemVocabulary vocabulary, int? maxLen,
        ModelLoadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(options);
        var table = await ReadItemTableAsync(directory, vocabulary, cancellationToken).ConfigureAwait(false);
        string onnxPath = RequireFile(directory, OnnxFileName);
        var encoder = CreateEncoder(onnxPath, await File.ReadAllBytesAsync(onnxPath, cancellationToken).ConfigureAwait(false), vocabulary, maxLen);
        IItemIndex? index = null;
        try
        {
            index = await options.ItemIndex(table.Data, table.Columns, cancellationToken).ConfigureAwait(false);
            return new EmbeddingModel(ModelName, vocabulary, encoder, index);
        }
        catch (Exception e)
        {
            encoder.Dispose();
            (index as IDisposable)?.Dispose();
            if (e is ArgumentException)
            {
                throw new ModelDirectoryException($"{directory}: {e.Message}", e);
            }

            throw;
        }
    }

    /// <summary>
    /// item_embeddings.npy, refused unless it has N + 1 rows for the vocabulary and every value is finite: a NaN or
    /// ±Inf in the table would rank by garbage (or rank every item equal) without any error at request time.
    /// </summary>
    public static async Task<NpyMatrix> ReadItemTableAsync(string directory, ItemVocabulary vocabulary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        string path = RequireFile(directory, ItemEmbeddingsFileName);
        NpyMatrix table;
        try
        {
            table = await NpyFile.ReadAsync(path, cancellationToken).ConfigureAwait(false);
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

        int bad = IndexOfNonFinite(table.Data);
        if (bad >= 0)
        {
            throw new ModelDirectoryException(
                $"{path}: row {bad / table.Columns} holds a non-finite value ({table.Data[bad]}); the item table must be finite.");
        }

        return table;
    }

    internal static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static OnnxSessionEncoder CreateEncoder(string path, byte[] onnx, ItemVocabulary vocabulary, int? maxLen)
    {
        try
        {
            return new OnnxSessionEncoder(onnx, vocabulary.Count, maxLen);
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
