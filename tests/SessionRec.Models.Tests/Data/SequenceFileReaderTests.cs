using SessionRec.Models.Data;
using SessionRec.Models.Tests.Support;

namespace SessionRec.Models.Tests.Data;

public class SequenceFileReaderTests
{
    [Fact]
    public void Maps_items_to_dense_indices_in_order_of_first_appearance()
    {
        using var dir = new TempDirectory();
        string path = dir.File("seq.txt", "u1 a b c\n\nu2 c\tb  d\n");

        var data = SequenceFileReader.Read(path);

        Assert.Equal(["a", "b", "c", "d"], data.Vocabulary.Ids);
        Assert.Equal(["u1", "u2"], data.SequenceIds);
        Assert.Equal([1, 2, 3], data.Sequences[0]);
        Assert.Equal([3, 2, 4], data.Sequences[1]);
        Assert.Equal(6, data.Interactions);
        Assert.Equal(0, data.DroppedUnknownItems);
    }

    [Fact]
    public void Mapping_through_an_existing_vocabulary_drops_unknown_items_and_emptied_users()
    {
        using var dir = new TempDirectory();
        var train = SequenceFileReader.Read(dir.File("train.txt", "u1 a b\nu2 b c\n"));
        string test = dir.File("test.txt", "t1 c x a\nt2 y z\nt3 b\n");

        var data = SequenceFileReader.Read(test, train.Vocabulary);

        Assert.Same(train.Vocabulary, data.Vocabulary);
        Assert.Equal(["t1", "t3"], data.SequenceIds);
        Assert.Equal([3, 1], data.Sequences[0]);
        Assert.Equal([2], data.Sequences[1]);
        Assert.Equal(3, data.DroppedUnknownItems);
    }

    [Fact]
    public void A_user_without_items_names_file_and_line()
    {
        using var dir = new TempDirectory();
        string path = dir.File("bad.txt", "u1 a b\nu2 c\nu3\n");

        var e = Assert.Throws<DataFormatException>(() => SequenceFileReader.Read(path));

        Assert.StartsWith($"{path}:3:", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, e.LineNumber);
    }

    [Fact]
    public void A_repeated_user_names_file_and_line()
    {
        using var dir = new TempDirectory();
        string path = dir.File("dup.txt", "u1 a\nu2 b\nu1 c\n");

        var e = Assert.Throws<DataFormatException>(() => SequenceFileReader.Read(path));

        Assert.Contains($"{path}:3:", e.Message, StringComparison.Ordinal);
        Assert.Contains("u1", e.Message, StringComparison.Ordinal);
    }
}
