using SessionRec.Models.Data;
using SessionRec.Models.ModelDirectory;
using SessionRec.Models.Sasrec;
using SessionRec.Training.Evaluation;

namespace SessionRec.Training.Sasrec;

/// <summary>What one <see cref="SasrecTraining.Train"/> call produced: the trained model and its figures.</summary>
/// <param name="Validation">Best weights of the early-stopping run on the validation set (null without one).</param>
/// <param name="Test">The returned weights on the test set (null without one).</param>
/// <param name="Refit">The run on every session for the chosen epoch count (null unless
/// <see cref="SasrecTrainingOptions.Refit"/> applied); its weights are the outcome's.</param>
public sealed record SasrecTrainingOutcome(
    SasrecTrainingOptions Options,
    SasrecTrainingResult Training,
    EvaluationResult? Validation,
    EvaluationResult? Test,
    SasrecTrainingResult? Refit = null)
{
    public SasrecWeights Weights => (Refit ?? Training).Weights;
}

/// <summary>
/// The one-call SASRec pipeline for the CLI: split by protocol, train with early stopping, measure, write the model
/// directory (model.onnx, item_embeddings.npy, items.txt, manifest.json) that the server and <c>evaluate</c> load.
/// </summary>
public static class SasrecTraining
{
    /// <summary>Share of a click log's latest sessions held out for early stopping when no validation set is given.</summary>
    public const double HeldOutFraction = 0.1;

    /// <summary>
    /// Trains on <paramref name="data"/>. Leave-one-out holds out each user's last two items (validation: the
    /// second-to-last, test: the last) and trains on the rest. Next-item trains on every sequence of
    /// <paramref name="data"/> and measures on <paramref name="validation"/> / <paramref name="test"/> if given
    /// (mapped through <c>data.Vocabulary</c>, e.g. <see cref="NextItemProtocol.Create"/>); without a validation set
    /// the most recent <see cref="HeldOutFraction"/> of the sessions is held out for early stopping
    /// (<see cref="RecentSessionsSplit"/>) and the model is trained on the rest; with
    /// <see cref="SasrecTrainingOptions.Refit"/> it is then trained again on every sequence for the best epoch count.
    /// </summary>
    /// <param name="evaluation">Cut-offs and exclusion for the reported figures; the default is K = 5, 10, 20 with the
    /// protocol's exclusion rule and <see cref="SasrecTrainingOptions.Threads"/> threads.</param>
    public static SasrecTrainingOutcome Train(
        SessionDataset data,
        EvaluationProtocol protocol,
        SasrecTrainingOptions options,
        IProgress<SasrecTrainingProgress>? progress = null,
        EvaluationSet? validation = null,
        EvaluationSet? test = null,
        EvaluationOptions? evaluation = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var split = Split(data, protocol, validation, test);
        var result = SasrecTrainer.Train(
            split.Train, data.Vocabulary, split.Validation, options, progress, evaluation?.ExcludeSeen, cancellationToken);
        return Complete(data, split, options, result, progress, evaluation, cancellationToken);
    }

    /// <summary>
    /// The split <see cref="Train"/> trains and measures on: leave-one-out splits <paramref name="data"/> itself;
    /// next-item uses the given sets, or holds out the newest <see cref="HeldOutFraction"/> of the sessions for early
    /// stopping when no validation set is given.
    /// </summary>
    public static SasrecSplit Split(SessionDataset data, EvaluationProtocol protocol, EvaluationSet? validation = null, EvaluationSet? test = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (protocol == EvaluationProtocol.LeaveOneOut)
        {
            if (validation is not null || test is not null)
            {
                throw new ArgumentException("Leave-one-out splits the data itself; pass no validation or test set.");
            }

            var split = LeaveOneOutSplit.Create(data.Sequences);
            return new SasrecSplit(split.Train, split.Validation, split.Test, HeldOutRecent: false);
        }

        if (validation is null && data.Sequences.Count >= 2)
        {
            var split = RecentSessionsSplit.Create(data.Sequences, HeldOutFraction);
            if (split.Validation.Cases.Count > 0)
            {
                return new SasrecSplit(split.Train, split.Validation, test, HeldOutRecent: true);
            }
        }

        return new SasrecSplit(data.Sequences, validation, test, HeldOutRecent: false);
    }

    /// <summary>
    /// Finishes a run that <see cref="SasrecTrainer"/> trained on <paramref name="split"/>: measures it, and with
    /// <see cref="SasrecTrainingOptions.Refit"/> on a held-out click log trains again on every session for the best
    /// epoch count.
    /// </summary>
    public static SasrecTrainingOutcome Complete(
        SessionDataset data,
        SasrecSplit split,
        SasrecTrainingOptions options,
        SasrecTrainingResult result,
        IProgress<SasrecTrainingProgress>? progress = null,
        EvaluationOptions? evaluation = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(result);
        var figures = evaluation ?? new EvaluationOptions { Threads = options.Threads };
        if (result.StopReason == SasrecStopReason.Cancelled)
        {
            // The caller wants out; measuring would take as long as a validation.
            return new SasrecTrainingOutcome(options, result, null, null);
        }

        var validationFigures = Measure(result.Weights, data, split.Validation, figures);
        SasrecTrainingResult? refit = null;
        if (options.Refit && split.HeldOutRecent)
        {
            // Click logs drift by the day: the held-out newest sessions chose the epoch count, now learn them too.
            // Validation figures stay the early-stopping run's (the refit model has seen that set).
            refit = SasrecTrainer.Train(
                data.Sequences, data.Vocabulary, validation: null, options with { Epochs = Math.Max(1, result.BestEpoch) },
                progress, evaluation?.ExcludeSeen, cancellationToken);
            if (refit.StopReason == SasrecStopReason.Cancelled)
            {
                return new SasrecTrainingOutcome(options, result, null, null, refit);
            }
        }

        return new SasrecTrainingOutcome(
            options,
            result,
            validationFigures,
            Measure((refit ?? result).Weights, data, split.Test, figures),
            refit);
    }

    /// <summary>
    /// Writes the model directory. <paramref name="format"/> is recorded in the manifest; the dataset fingerprint is
    /// computed when <c>data.SourcePath</c> names a file.
    /// </summary>
    public static void Save(string directory, SasrecTrainingOutcome outcome, SessionDataset data, DataFormat? format = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(data);
        SasrecArtifactWriter.Write(outcome.Weights, directory);
        ModelFiles.WriteItems(directory, data.Vocabulary);
        var hyperParameters = outcome.Options.ToJson();
        hyperParameters["best_epoch"] = outcome.Training.BestEpoch;
        hyperParameters["epochs_run"] = outcome.Training.History.Count;
        hyperParameters["stop_reason"] = outcome.Training.StopReason.ToString();
        hyperParameters["training_seconds"] = Math.Round(outcome.Training.Elapsed.TotalSeconds, 1);
        if (outcome.Refit is { } refit)
        {
            hyperParameters["refit_epochs"] = refit.History.Count;
            hyperParameters["refit_seconds"] = Math.Round(refit.Elapsed.TotalSeconds, 1);
        }

        ModelFiles.WriteManifest(directory, new ModelManifest
        {
            Type = SasrecArtifact.ModelName,
            HyperParameters = hyperParameters,
            Dataset = Describe(data, format),
            Validation = outcome.Validation is null ? null : EvaluationJson.ToJson(outcome.Validation),
            Test = outcome.Test is null ? null : EvaluationJson.ToJson(outcome.Test),
        });
    }

    private static EvaluationResult? Measure(SasrecWeights weights, SessionDataset data, EvaluationSet? set, EvaluationOptions options) =>
        set is null ? null : SasrecValidation.Evaluate(weights, data.Vocabulary, set, options);

    private static ManifestDataset? Describe(SessionDataset data, DataFormat? format) =>
        data.SourcePath is { } path && File.Exists(path)
            ? new ManifestDataset
            {
                Path = Path.GetFullPath(path),
                Fingerprint = DatasetFingerprint.Compute(path),
                Format = format switch
                {
                    DataFormat.Sequences => "sequences",
                    DataFormat.Sessions => "sessions",
                    _ => null,
                },
                Users = data.Sequences.Count,
                Items = data.Vocabulary.Count,
                Interactions = data.Interactions,
            }
            : null;
}
