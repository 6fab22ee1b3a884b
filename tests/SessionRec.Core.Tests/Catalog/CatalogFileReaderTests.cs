using SessionRec.Core.Catalog;

namespace SessionRec.Core.Tests.Catalog;

public sealed class CatalogFileReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("catalog-tests").FullName;

    [Fact]
    public void Reads_csv_with_quotes_and_extra_columns()
    {
        var path = Write("items.csv", "item_id,name,category,price\nA1,\"Lip, \"\"Red\"\"\",makeup,9.99\nA2,Soap,bath,2\n");

        var catalog = CatalogFileReader.Read(path);

        Assert.Equal(2, catalog.Count);
        Assert.True(catalog.TryGet("A1", out var a1));
        Assert.Equal("Lip, \"Red\"", a1.Name);
        Assert.Equal("makeup", a1.Category);
        Assert.Equal("9.99", a1.Attributes["price"]);
    }

    [Fact]
    public void Reads_quoted_fields_holding_commas_quotes_and_line_breaks_as_shop_exports_do()
    {
        var path = Write("export.csv",
            "item_id,name,category,description,available\r\n" +
            "S1,\"Serum, 30 ml\",skincare,\"Line one\nline two, with \"\"quotes\"\"\",true\r\n" +
            "S2,Cream,skincare,\"\",false\r\n" +
            "S3,\"Shampoo\r\nfamily size\",haircare,plain,\r\n");

        var catalog = CatalogFileReader.Read(path);

        Assert.Equal(3, catalog.Count);
        Assert.True(catalog.TryGet("S1", out var s1));
        Assert.Equal("Serum, 30 ml", s1.Name);
        Assert.Equal("Line one\nline two, with \"quotes\"", s1.Attributes["description"]);
        Assert.True(s1.Available);
        Assert.True(catalog.TryGet("S2", out var s2));
        Assert.False(s2.Available);
        Assert.True(catalog.TryGet("S3", out var s3));
        Assert.Equal("Shampoo\r\nfamily size", s3.Name);
        Assert.Equal("haircare", s3.Category);
        Assert.True(s3.Available);
    }

    [Fact]
    public void An_available_flag_that_is_not_a_boolean_names_the_line()
    {
        var path = Write("flag.csv", "item_id,available\nA1,true\nA2,maybe\n");
        var error = Assert.Throws<InvalidDataException>(() => CatalogFileReader.Read(path));
        Assert.Contains(path + ":3:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_json_lines()
    {
        var path = Write("items.jsonl", "{\"item_id\":\"B1\",\"name\":\"Brush\",\"category\":\"tools\",\"stock\":3}\n\n{\"item_id\":\"B2\"}\n");

        var catalog = CatalogFileReader.Read(path);

        Assert.True(catalog.TryGet("B1", out var b1));
        Assert.Equal("3", b1.Attributes["stock"]);
        Assert.True(catalog.TryGet("B2", out var b2));
        Assert.Equal("B2", b2.Name);
    }

    [Theory]
    [InlineData("bad.csv", "item_id,name\nA1,x\nA2\n", ":3:")]
    [InlineData("noid.csv", "name,category\nx,y\n", ":1:")]
    [InlineData("bad.jsonl", "{\"item_id\":\"a\"}\n{oops\n", ":2:")]
    [InlineData("empty-id.jsonl", "{\"item_id\":\"\"}\n", ":1:")]
    public void Errors_name_the_file_and_line(string name, string content, string where)
    {
        var path = Write(name, content);
        var error = Assert.Throws<InvalidDataException>(() => CatalogFileReader.Read(path));
        Assert.Contains(path + where, error.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
