namespace SessionRec.Cli;

public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Bad input data, missing files, or a model directory that cannot be read.</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong, or asks for something not available.</summary>
    public const int Usage = 2;
}
