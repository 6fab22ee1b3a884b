using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace SessionRec.Models.Sasrec;

/// <summary>
/// Checks that a loaded ONNX model follows docs/model-contract.md and reads the two numbers serving needs from it,
/// so a foreign (e.g. PyTorch) export fails at load time with a message instead of at the first request.
/// </summary>
public static class OnnxEncoderContract
{
    /// <summary>The encoder's input: int64 [batch, seq], item indices left-padded with 0.</summary>
    public const string InputName = "item_seq";

    /// <summary>The encoder's output: float32 [batch, dim], the session embedding.</summary>
    public const string OutputName = "session_embedding";

    /// <summary>Model metadata key holding the longest session the encoder reads.</summary>
    public const string MaxLenMetadataKey = "max_len";

    /// <param name="session">The loaded model.</param>
    /// <param name="fallbackMaxLen">Used only when the model carries no max_len metadata.</param>
    internal static (int Dimension, int MaxLen) Check(InferenceSession session, int? fallbackMaxLen)
    {
        ValidateInput(session);
        return (ReadDimension(session), ReadMaxLen(session, fallbackMaxLen));
    }

    private static int ReadDimension(InferenceSession session)
    {
        if (!session.OutputMetadata.TryGetValue(OutputName, out var output)
            || output.ElementDataType != TensorElementType.Float
            || output.Dimensions.Length != 2
            || output.Dimensions[1] <= 0)
        {
            throw new InvalidDataException(
                $"The model must output '{OutputName}' as float32 [batch, dim] with a fixed dim.");
        }

        return output.Dimensions[1];
    }

    private static void ValidateInput(InferenceSession session)
    {
        if (!session.InputMetadata.TryGetValue(InputName, out var input)
            || input.ElementDataType != TensorElementType.Int64
            || input.Dimensions.Length != 2
            || session.InputMetadata.Count != 1)
        {
            throw new InvalidDataException(
                $"The model must take exactly one input '{InputName}' as int64 [batch, seq].");
        }
    }

    private static int ReadMaxLen(InferenceSession session, int? fallback)
    {
        if (session.ModelMetadata.CustomMetadataMap.TryGetValue(MaxLenMetadataKey, out var text))
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int fromModel) && fromModel > 0)
            {
                return fromModel;
            }

            throw new InvalidDataException($"Model metadata max_len '{text}' is not a positive integer.");
        }

        return fallback is > 0
            ? fallback.Value
            : throw new InvalidDataException("The model has no max_len metadata and none was given.");
    }
}
