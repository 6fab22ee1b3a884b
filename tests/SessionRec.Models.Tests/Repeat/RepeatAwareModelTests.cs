using SessionRec.Core.Items;
using SessionRec.Core.Ranking;
using SessionRec.Models.Repeat;
using SessionRec.Models.Tests.Support;

namespace SessionRec.Models.Tests.Repeat;

public class RepeatAwareModelTests
{
    /// <summary>
    /// Base model always proposes 1 (0.5), 2 (0.3), 3 (0.2). Session [5, 7, 5], decay 0.5: repeat weights
    /// 5: 1 + 0.25 = 1.25, 7: 0.5, normalized 5/7 and 2/7. With w = 0.5:
    /// 5: 0.5·5/7 = 0.357, 1: 0.5·0.5 = 0.25, 2: 0.15, 7: 0.5·2/7 = 0.143, 3: 0.1.
    /// </summary>
    [Fact]
    public void Mixes_repeat_and_explore_probabilities_as_worked_by_hand()
    {
        var model = new RepeatAwareModel(new FixedModel(), new RepeatOptions { Weight = 0.5f, Decay = 0.5f });
        var top = new ScoredItem[5];

        int n = model.Recommend([5, 7, 5], [], top);

        Assert.Equal(5, n);
        Assert.Equal([5, 1, 2, 7, 3], top.Select(t => t.Index));
        float[] expected = [0.5f * 5 / 7, 0.25f, 0.15f, 0.5f * 2 / 7, 0.1f];
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(expected[i], top[i].Score, 1e-5f);
        }
    }

    [Fact]
    public void Excluded_session_items_leave_the_model_list_unchanged()
    {
        var model = new RepeatAwareModel(new FixedModel(), new RepeatOptions { Weight = 0.9f });
        var top = new ScoredItem[3];

        model.Recommend([5, 7, 5], [5, 7], top);

        Assert.Equal([1, 2, 3], top.Select(t => t.Index));
        Assert.Equal([0.5f, 0.3f, 0.2f], top.Select(t => t.Score));
    }

    private sealed class FixedModel : INextItemModel
    {
        private static readonly ScoredItem[] List = [new(1, 0.5f), new(2, 0.3f), new(3, 0.2f)];

        public string Name => "fixed";

        public ItemVocabulary Vocabulary { get; } = Vocabularies.OfSize(10);

        public int Recommend(ReadOnlySpan<int> session, ReadOnlySpan<int> exclude, Span<ScoredItem> destination)
        {
            int n = 0;
            foreach (var item in List)
            {
                if (n < destination.Length && !exclude.Contains(item.Index))
                {
                    destination[n++] = item;
                }
            }

            return n;
        }
    }
}
