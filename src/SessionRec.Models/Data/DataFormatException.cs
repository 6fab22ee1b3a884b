namespace SessionRec.Models.Data;

/// <summary>A data file could not be parsed; the message names the file and the 1-based line.</summary>
public sealed class DataFormatException : Exception
{
    public DataFormatException()
    {
    }

    public DataFormatException(string message)
        : base(message)
    {
    }

    public DataFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DataFormatException(string path, long lineNumber, string problem)
        : base($"{path}:{lineNumber}: {problem}")
    {
        Path = path;
        LineNumber = lineNumber;
    }

    public string? Path { get; }

    public long LineNumber { get; }
}
