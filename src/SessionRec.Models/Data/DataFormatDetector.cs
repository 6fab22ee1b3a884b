namespace SessionRec.Models.Data;

/// <summary>Guesses the format from the first line, for when the user gives no <c>--format</c>.</summary>
public static class DataFormatDetector
{
    /// <summary>A header naming a <c>SessionId</c> column means a click log; anything else a sequence file.</summary>
    public static DataFormat Detect(string path)
    {
        using var reader = new StreamReader(path);
        string first = reader.ReadLine() ?? string.Empty;
        return first.Contains("SessionId", StringComparison.OrdinalIgnoreCase) ? DataFormat.Sessions : DataFormat.Sequences;
    }
}
