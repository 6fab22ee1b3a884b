using SessionRec.Core.Items;

namespace SessionRec.Models.Data;

/// <summary>
/// Interaction sequences mapped to dense item indices (1..N, see <see cref="ItemVocabulary"/>), oldest first.
/// Built by <see cref="SequenceFileReader"/> or <see cref="ClickLogReader"/>, or directly from memory.
/// </summary>
public sealed class SessionDataset
{
    public SessionDataset(
        ItemVocabulary vocabulary,
        IReadOnlyList<int[]> sequences,
        IReadOnlyList<string> sequenceIds,
        string? sourcePath = null,
        long droppedUnknownItems = 0)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(sequenceIds);
        if (sequences.Count != sequenceIds.Count)
        {
            throw new ArgumentException("Every sequence needs an id.", nameof(sequenceIds));
        }

        Vocabulary = vocabulary;
        Sequences = sequences;
        SequenceIds = sequenceIds;
        SourcePath = sourcePath;
        DroppedUnknownItems = droppedUnknownItems;
        long interactions = 0;
        foreach (var s in sequences)
        {
            interactions += s.Length;
        }

        Interactions = interactions;
    }

    public ItemVocabulary Vocabulary { get; }

    /// <summary>Dense item indices, oldest first. Never empty sequences.</summary>
    public IReadOnlyList<int[]> Sequences { get; }

    /// <summary>External user or session id of each sequence.</summary>
    public IReadOnlyList<string> SequenceIds { get; }

    public string? SourcePath { get; }

    public long Interactions { get; }

    /// <summary>
    /// Interactions dropped because their item was not in a given vocabulary (test files mapped through the training
    /// vocabulary, as session-rec does: a model cannot rank an item it never saw).
    /// </summary>
    public long DroppedUnknownItems { get; }

    /// <summary>Reads <paramref name="path"/> in <paramref name="format"/>; see the readers for details.</summary>
    public static SessionDataset Load(string path, DataFormat format, ItemVocabulary? vocabulary = null) => format switch
    {
        DataFormat.Sequences => SequenceFileReader.Read(path, vocabulary),
        DataFormat.Sessions => ClickLogReader.Read(path, vocabulary),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}
