using SessionRec.Core.Items;
using SessionRec.Core.Ranking;
using SessionRec.Core.Serving;

namespace SessionRec.Core.Tests.Serving;

public class ModelSlotTests
{
    [Fact]
    public void Moves_from_loading_to_ready_and_keeps_serving_through_a_later_failure()
    {
        var slot = new ModelSlot();
        Assert.Equal((ModelState.Loading, null), (slot.State, slot.Current));

        var loaded = new LoadedModel(new NoModel(), "demo", ItemIndex: null, new Dictionary<string, double>());
        slot.Publish(loaded);
        Assert.Equal((ModelState.Ready, loaded), (slot.State, slot.Current));

        // A failed reload must not take the served model away.
        slot.Fail("reload: items.txt is missing");
        Assert.Equal((ModelState.Ready, loaded), (slot.State, slot.Current));
        Assert.Equal("reload: items.txt is missing", slot.FailureReason);
    }

    [Fact]
    public void A_failed_first_load_leaves_nothing_to_serve()
    {
        var slot = new ModelSlot();

        slot.Fail("item_embeddings.npy holds +Inf");

        Assert.Equal(ModelState.Failed, slot.State);
        Assert.Null(slot.Current);
        Assert.Equal("item_embeddings.npy holds +Inf", slot.FailureReason);
    }

    private sealed class NoModel : INextItemModel
    {
        public string Name => "none";

        public ItemVocabulary Vocabulary { get; } = new(["a"]);

        public int Recommend(ReadOnlySpan<int> session, ReadOnlySpan<int> exclude, Span<ScoredItem> destination) => 0;
    }
}
