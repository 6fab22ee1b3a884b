namespace SessionRec.Server.Hosting;

/// <summary>A start-up step failed because of what a setting points at (e.g. <c>Catalog:Path</c> names an unreadable file).</summary>
public sealed class StartupSettingException : Exception
{
    public StartupSettingException()
    {
    }

    public StartupSettingException(string message)
        : base(message)
    {
    }

    public StartupSettingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static StartupSettingException For(string setting, string value, Exception cause) =>
        new($"{setting} '{value}': {cause?.Message}", cause!);
}
