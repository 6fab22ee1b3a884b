using System.ComponentModel.DataAnnotations;

namespace SessionRec.Vectors.Tests;

public class ItemIndexOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_choose_the_exact_index()
    {
        var options = new ItemIndexOptions();

        options.ThrowIfInvalid();
        Assert.Equal(ItemIndexProvider.Exact, options.Provider);
    }

    [Fact]
    public void Qdrant_needs_a_url()
    {
        var options = new ItemIndexOptions { Provider = ItemIndexProvider.Qdrant };

        var e = Assert.Throws<ValidationException>(options.ThrowIfInvalid);
        Assert.Contains("Qdrant:Url", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_sections_are_validated()
    {
        var options = new ItemIndexOptions
        {
            USearch = new USearchIndexOptions { M = 1 },
            Qdrant = new QdrantIndexOptions { Collection = "bad name!", HnswEf = 0 },
        };

        var results = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Equal(3, results.Count);
        Assert.Contains(results, r => r.MemberNames.Contains("USearch.M"));
    }
}
