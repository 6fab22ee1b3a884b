namespace SessionRec.Core.Ranking;

/// <summary>An item's dense index (see <see cref="Items.ItemVocabulary"/>) with its score.</summary>
public readonly record struct ScoredItem(int Index, float Score);
