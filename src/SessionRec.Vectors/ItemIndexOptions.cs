using System.ComponentModel.DataAnnotations;

namespace SessionRec.Vectors;

/// <summary>
/// The "ItemIndex" configuration section. Validates its nested sections itself (DataAnnotations does not recurse),
/// so <c>AddOptions&lt;ItemIndexOptions&gt;().BindConfiguration("ItemIndex").ValidateDataAnnotations().ValidateOnStart()</c>
/// catches every bad value at start-up.
/// </summary>
public sealed class ItemIndexOptions : IValidatableObject
{
    public const string SectionName = "ItemIndex";

    [EnumDataType(typeof(ItemIndexProvider))]
    public ItemIndexProvider Provider { get; set; } = ItemIndexProvider.Exact;

    [Required]
    public USearchIndexOptions USearch { get; set; } = new();

    [Required]
    public QdrantIndexOptions Qdrant { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        Nested(USearch, nameof(USearch), results);
        Nested(Qdrant, nameof(Qdrant), results);
        if (Provider == ItemIndexProvider.Qdrant && string.IsNullOrWhiteSpace(Qdrant?.Url))
        {
            results.Add(new ValidationResult(
                "ItemIndex:Qdrant:Url is required when ItemIndex:Provider is qdrant.", [$"{nameof(Qdrant)}.{nameof(QdrantIndexOptions.Url)}"]));
        }

        return results;
    }

    /// <summary>Throws <see cref="ValidationException"/> listing every problem; for callers outside the options pipeline.</summary>
    public void ThrowIfInvalid()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            throw new ValidationException(string.Join(" ", results.Select(r => r.ErrorMessage)));
        }
    }

    private static void Nested(object? section, string name, List<ValidationResult> results)
    {
        if (section is null)
        {
            return;
        }

        var nested = new List<ValidationResult>();
        Validator.TryValidateObject(section, new ValidationContext(section), nested, validateAllProperties: true);
        foreach (var result in nested)
        {
            results.Add(new ValidationResult(
                $"ItemIndex:{name}: {result.ErrorMessage}", [.. result.MemberNames.Select(m => $"{name}.{m}")]));
        }
    }
}
