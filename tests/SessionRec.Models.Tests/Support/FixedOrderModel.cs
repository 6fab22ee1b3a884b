using SessionRec.Core.Items;
using SessionRec.Core.Ranking;

namespace SessionRec.Models.Tests.Support;

/// <summary>Always ranks the catalog in one given order, so evaluation figures can be worked out by hand.</summary>
internal sealed class FixedOrderModel(ItemVocabulary vocabulary, int[] order) : INextItemModel
{
    public string Name => "fixed";

    public ItemVocabulary Vocabulary => vocabulary;

    public int Recommend(ReadOnlySpan<int> session, ReadOnlySpan<int> exclude, Span<ScoredItem> destination)
    {
        int count = 0;
        foreach (int item in order)
        {
            if (count == destination.Length)
            {
                break;
            }

            if (!exclude.Contains(item))
            {
                destination[count] = new ScoredItem(item, order.Length - count);
                count++;
            }
        }

        return count;
    }
}
