namespace SessionRec.Models.ModelDirectory;

/// <summary>A model directory is missing a file, holds a malformed one, or names a type nobody can load.</summary>
public sealed class ModelDirectoryException : Exception
{
    public ModelDirectoryException()
    {
    }

    public ModelDirectoryException(string message)
        : base(message)
    {
    }

    public ModelDirectoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
