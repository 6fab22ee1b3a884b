using SessionRec.Core.Items;
using SessionRec.Core.Ranking;
using SessionRec.Models.Knn;
using SessionRec.Models.Knn.Online;
using SessionRec.Models.Repeat;

namespace SessionRec.Models.Tests.Knn;

public class OnlineVsknnTests
{
    private static readonly ItemVocabulary Items = new(["a", "b", "c", "d"]);

    [Fact]
    public void Ended_sessions_become_neighbours_and_known_new_items_join_the_vocabulary()
    {
        var baseModel = new VsknnModel(Items, [[1, 2], [2, 3], [3, 4]]);
        var served = new RepeatAwareModel(baseModel, new RepeatOptions());

        var online = OnlineVsknn.Extend(served, baseModel, [["a", "new"], ["a", "new"], ["a", "new", "b"], ["a", "unlisted"], ["x"]], id => id != "unlisted");

        var repeat = Assert.IsType<RepeatAwareModel>(online);
        Assert.Equal(served.Options, repeat.Options);
        var model = Assert.IsType<VsknnModel>(repeat.Inner);
        Assert.Equal(["a", "b", "c", "d", "new"], model.Vocabulary.Ids);
        // The base's sessions are kept as they were (same indices), the ended ones follow as the most recent;
        // "unlisted" is not in the catalog and the one-item remainder ["a"] pairs nothing, so that session is dropped;
        // ["x"] pairs nothing either, so "x" does not join the vocabulary although the catalog would accept it.
        Assert.Equal(6, model.Sessions.Count);
        Assert.Same(baseModel.Sessions[0], model.Sessions[0]);
        Assert.Equal([1, 5, 2], model.Sessions[5]);

        var top = new ScoredItem[2];
        int n = model.Recommend([1], [1], top);
        Assert.Equal(2, n);
        Assert.Equal("new", model.Vocabulary[top[0].Index]); // three of a's neighbours hold it, two hold b
        Assert.True(top[0].Score > 0);
    }

    [Fact]
    public void Only_session_knn_can_learn()
    {
        var vsknn = new VsknnModel(Items, [[1, 2]]);
        Assert.Same(vsknn, OnlineVsknn.BaseOf(new RepeatAwareModel(vsknn, new RepeatOptions())));
        Assert.Null(OnlineVsknn.BaseOf(new SessionRec.Models.Popularity.PopularityModel(Items, [0, 1, 2, 3, 4])));
    }
}
