namespace SessionRec.Core.Ranking;

/// <summary>
/// A model that applies an <see cref="ItemMask"/> while it ranks (skipping hidden items as it selects its top-k),
/// rather than having them filtered out of a longer list afterwards. <see cref="MaskedRanking"/> uses it when
/// <see cref="SupportsMask"/>, and over-fetches from any other model.
/// </summary>
public interface IMaskedNextItemModel : INextItemModel
{
    /// <summary>False when this instance cannot mask natively (e.g. an embedding model over a remote index).</summary>
    bool SupportsMask { get; }

    /// <summary><see cref="INextItemModel.Recommend"/> returning only items in <paramref name="mask"/>.</summary>
    int Recommend(ReadOnlySpan<int> session, ReadOnlySpan<int> exclude, ItemMask mask, Span<ScoredItem> destination);
}

/// <summary>An item index that applies an <see cref="ItemMask"/> during its search.</summary>
public interface IMaskedItemIndex : IItemIndex
{
    int Search(ReadOnlySpan<float> query, ReadOnlySpan<int> exclude, ItemMask mask, Span<ScoredItem> destination);
}
