using SessionRec.Models.Data;
using SessionRec.Models.Tests.Support;

namespace SessionRec.Models.Tests.Data;

public class ClickLogReaderTests
{
    [Fact]
    public void Reads_tsv_ordering_clicks_by_time_then_file_order_and_sessions_by_last_click()
    {
        using var dir = new TempDirectory();
        string path = dir.File("clicks.tsv", """
            SessionId	ItemId	Time
            s1	A	10
            s2	B	5
            s1	B	8
            s1	C	8
            s2	A	6

            """);

        var data = ClickLogReader.Read(path);

        // Items in order of first appearance in the file: A=1, B=2, C=3.
        Assert.Equal(["A", "B", "C"], data.Vocabulary.Ids);
        // s2 ends at 6, s1 at 10, so s2 is the older session and comes first.
        Assert.Equal(["s2", "s1"], data.SequenceIds);
        Assert.Equal([2, 1], data.Sequences[0]);
        // s1: B and C share time 8 and keep file order, A (time 10) is last.
        Assert.Equal([2, 3, 1], data.Sequences[1]);
    }

    [Fact]
    public void Keeps_consecutive_and_later_repeat_clicks()
    {
        using var dir = new TempDirectory();
        string path = dir.File("repeats.tsv", "SessionId\tItemId\tTime\n1\tA\t1\n1\tA\t2\n1\tB\t3\n1\tA\t4\n1\tA\t4\n");

        var data = ClickLogReader.Read(path);

        Assert.Equal([1, 1, 2, 1, 1], data.Sequences[0]);
        Assert.Equal(5, data.Interactions);
    }

    [Fact]
    public void Finds_columns_by_header_name_in_csv_with_extra_columns()
    {
        using var dir = new TempDirectory();
        string path = dir.File("clicks.csv", "time,category,itemid,sessionid\n1.5,x,I1,7\n2.5,y,I2,7\n");

        var data = ClickLogReader.Read(path);

        Assert.Equal(["I1", "I2"], data.Vocabulary.Ids);
        Assert.Equal(["7"], data.SequenceIds);
        Assert.Equal([1, 2], data.Sequences[0]);
    }

    [Fact]
    public void Test_files_map_through_the_training_vocabulary_dropping_unknown_items()
    {
        using var dir = new TempDirectory();
        var train = ClickLogReader.Read(dir.File("train.tsv", "SessionId\tItemId\tTime\n1\tA\t1\n1\tB\t2\n"));
        string test = dir.File("test.tsv", "SessionId\tItemId\tTime\n9\tB\t1\n9\tZ\t2\n9\tA\t3\n8\tZ\t4\n");

        var data = ClickLogReader.Read(test, train.Vocabulary);

        Assert.Equal(["9"], data.SequenceIds);
        Assert.Equal([2, 1], data.Sequences[0]);
        Assert.Equal(2, data.DroppedUnknownItems);
    }

    [Fact]
    public void A_missing_column_names_file_and_header_line()
    {
        using var dir = new TempDirectory();
        string path = dir.File("nohead.tsv", "SessionId\tItem\tTime\n1\tA\t1\n");

        var e = Assert.Throws<DataFormatException>(() => ClickLogReader.Read(path));

        Assert.StartsWith($"{path}:1:", e.Message, StringComparison.Ordinal);
        Assert.Contains("ItemId", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SessionId\tItemId\tTime\n1\tA\t1\n2\tB\n", 3)]
    [InlineData("SessionId\tItemId\tTime\n1\tA\t1\n2\tB\tyesterday\n", 3)]
    [InlineData("SessionId\tItemId\tTime\n1\tA\t1\n1\tB\t2\n\t\t3\n", 4)]
    public void A_malformed_row_names_file_and_line(string contents, int line)
    {
        using var dir = new TempDirectory();
        string path = dir.File("bad.tsv", contents);

        var e = Assert.Throws<DataFormatException>(() => ClickLogReader.Read(path));

        Assert.StartsWith($"{path}:{line}:", e.Message, StringComparison.Ordinal);
        Assert.Equal(line, e.LineNumber);
    }

    [Fact]
    public void Format_detection_tells_click_logs_from_sequence_files()
    {
        using var dir = new TempDirectory();

        Assert.Equal(DataFormat.Sessions, DataFormatDetector.Detect(dir.File("a.tsv", "SessionId\tItemId\tTime\n")));
        Assert.Equal(DataFormat.Sequences, DataFormatDetector.Detect(dir.File("b.txt", "1 2 3\n")));
    }
}
