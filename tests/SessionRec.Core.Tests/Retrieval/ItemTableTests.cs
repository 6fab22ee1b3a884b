using SessionRec.Core.Ranking;
using SessionRec.Core.Retrieval;

namespace SessionRec.Core.Tests.Retrieval;

public class ItemTableTests
{
    private static readonly float[] Matrix = [0f, 0f, 1f, 0f, 0f, 1f, 2f, 2f];

    [Fact]
    public void FromMatrix_stores_rows_one_to_n_as_available()
    {
        var table = ItemTable.FromMatrix(Matrix, 2);

        Assert.Equal(4, table.Rows);
        Assert.Equal(3, table.Count);
        Assert.Equal(3, table.VisibleCount);
        Assert.False(table.Contains(0));
        Assert.True(table.IsVisible(3));
        Assert.Equal([2f, 2f], table.Vector(3).ToArray());
        Assert.True(table.HiddenRows.IsEmpty);
    }

    [Fact]
    public void With_grows_the_table_and_reports_whether_a_vector_changed()
    {
        var table = ItemTable.FromMatrix(Matrix, 2);

        var payloadOnly = table.With([new ItemUpsert(1, new float[] { 1f, 0f }, "hats", Available: false)], out bool changed);
        Assert.False(changed);
        Assert.False(payloadOnly.IsVisible(1));
        Assert.True(payloadOnly.Contains(1));
        Assert.Equal("hats", payloadOnly.Category(1));
        Assert.True(table.IsVisible(1)); // the original snapshot is untouched

        var grown = payloadOnly.With([new ItemUpsert(6, new float[] { 3f, 3f })], out changed);
        Assert.True(changed);
        Assert.Equal(7, grown.Rows);
        Assert.Equal(4, grown.Count);
        Assert.Equal(3, grown.VisibleCount);
        Assert.Equal([1, 4, 5], grown.HiddenRows.ToArray());
    }

    [Fact]
    public void Without_removes_items_and_ignores_unknown_indices()
    {
        var table = ItemTable.FromMatrix(Matrix, 2).Without([2, 0, -1, 99]);

        Assert.False(table.Contains(2));
        Assert.Equal(2, table.Count);
        Assert.Equal([0f, 0f], table.Vector(2).ToArray());
    }

    [Fact]
    public void Validate_rejects_the_padding_index_and_wrong_dimensions()
    {
        Assert.Throws<ArgumentException>(() => ItemTable.Validate([new ItemUpsert(0, new float[2])], 2));
        Assert.Throws<ArgumentException>(() => ItemTable.Validate([new ItemUpsert(1, new float[3])], 2));
    }

    [Fact]
    public void SearchExact_skips_hidden_rows_and_exclusions()
    {
        var table = ItemTable.FromMatrix(Matrix, 2)
            .With([new ItemUpsert(3, new float[] { 2f, 2f }, Available: false)], out _);
        var top = new ScoredItem[5];

        int n = table.SearchExact([1f, 1f], [2], top);

        Assert.Equal([new ScoredItem(1, 1f)], top[..n]);
    }
}
