namespace SessionRec.Models.ModelDirectory;

/// <summary>What a loaded model tells operators and start-up about itself.</summary>
/// <param name="Kind">The kind's name, e.g. "sasrec".</param>
/// <param name="Items">Items the model can recommend.</param>
/// <param name="ItemIndex">The item index it searches (e.g. "USearchItemIndex"); null when it ranks items itself.</param>
/// <param name="TrainingCounts">Clicks per item index (0 = padding) in its training data, where the model keeps them:
/// start-up seeds the trending counts of cold start with them.</param>
public sealed record ModelDescription(string Kind, int Items, string? ItemIndex, IReadOnlyList<long>? TrainingCounts);
