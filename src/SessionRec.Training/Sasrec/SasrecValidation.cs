using SessionRec.Core.Items;
using SessionRec.Core.Retrieval;
using SessionRec.Models.Sasrec;
using SessionRec.Training.Evaluation;

namespace SessionRec.Training.Sasrec;

/// <summary>
/// Measures weights the way the server ranks: the network's inference forward (<see cref="SasrecNetworkEncoder"/>,
/// the forward the ONNX graph is checked against) and exact inner-product search inside an
/// <see cref="EmbeddingModel"/>, through <see cref="Evaluator"/>.
/// </summary>
public static class SasrecValidation
{
    public static EmbeddingModel ServingModel(SasrecWeights weights, ItemVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (vocabulary.Count != weights.Config.ItemCount)
        {
            throw new ArgumentException(
                $"The vocabulary has {vocabulary.Count} items, the weights {weights.Config.ItemCount}.", nameof(vocabulary));
        }

        return new EmbeddingModel(
            SasrecArtifact.ModelName,
            vocabulary,
            new SasrecNetworkEncoder(new SasrecNetwork(weights)),
            new ExactItemIndex(weights.ItemEmbedding, weights.Config.Dim));
    }

    public static EvaluationResult Evaluate(SasrecWeights weights, ItemVocabulary vocabulary, EvaluationSet set,
        EvaluationOptions options, CancellationToken cancellationToken = default)
    {
        using var model = ServingModel(weights, vocabulary);
        return Evaluator.Evaluate(model, set, options, cancellationToken: cancellationToken);
    }
}
