using SessionRec.Core.Items;
using SessionRec.Core.Ranking;
using SessionRec.Training.Tuning;

namespace SessionRec.Training.Tests.Tuning;

public class MemoizedModelTests
{
    [Fact]
    public void The_same_question_is_answered_from_memory_and_another_question_asks_the_model()
    {
        var inner = new CountingModel();
        var memoized = new MemoizedModel(inner);
        var first = new ScoredItem[3];
        var again = new ScoredItem[3];
        var other = new ScoredItem[3];

        int n1 = memoized.Recommend([1, 2], [], first);
        int n2 = memoized.Recommend([1, 2], [], again);
        memoized.Recommend([2, 1], [], other);
        memoized.Recommend([1, 2], [3], other);

        Assert.Equal(3, n1);
        Assert.Equal(n1, n2);
        Assert.Equal(first, again);
        Assert.Equal(3, inner.Calls);
    }

    private sealed class CountingModel : INextItemModel
    {
        public int Calls { get; private set; }

        public string Name => "counting";

        public ItemVocabulary Vocabulary { get; } = new(["a", "b", "c", "d"]);

        public int Recommend(ReadOnlySpan<int> session, ReadOnlySpan<int> exclude, Span<ScoredItem> destination)
        {
            Calls++;
            for (int r = 0; r < destination.Length; r++)
            {
                destination[r] = new ScoredItem(r + 1, session[0] * 10 - r);
            }

            return destination.Length;
        }
    }
}
