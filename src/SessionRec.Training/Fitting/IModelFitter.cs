using System.Text.Json.Nodes;
using SessionRec.Core.Items;
using SessionRec.Core.Ranking;

namespace SessionRec.Training.Fitting;

/// <summary>
/// The training side of a model kind fitted in one pass over the training sequences (popularity, V-SKNN): fit,
/// name the manifest's hyper-parameters, write the files the serving side's kind loads. SASRec trains iteratively
/// (epochs, validation, early stopping) through <see cref="Sasrec.SasrecTraining"/> instead.
/// </summary>
public interface IModelFitter
{
    /// <summary>The model kind's name, as in the manifest.</summary>
    string Name { get; }

    /// <param name="vocabulary">The items (dense indices 1..N).</param>
    /// <param name="train">Training sequences, oldest click first.</param>
    /// <param name="hyperParameters">Options as in a manifest; each kind reads its own and ignores the rest.</param>
    INextItemModel Fit(ItemVocabulary vocabulary, IReadOnlyList<int[]> train, JsonObject hyperParameters);

    /// <summary>The hyper-parameters the manifest records for <paramref name="model"/>.</summary>
    JsonObject HyperParameters(INextItemModel model);

    /// <summary>Writes the model's files into <paramref name="directory"/> (created if needed); the caller writes the manifest.</summary>
    void Save(string directory, INextItemModel model);
}
