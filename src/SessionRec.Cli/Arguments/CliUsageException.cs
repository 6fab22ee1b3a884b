namespace SessionRec.Cli.Arguments;

/// <summary>The command line is wrong (unknown, missing or invalid option); the CLI prints it and exits with 2.</summary>
public sealed class CliUsageException : Exception
{
    public CliUsageException()
    {
    }

    public CliUsageException(string message)
        : base(message)
    {
    }

    public CliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
