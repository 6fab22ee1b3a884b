namespace SessionRec.Server.Validation;

public static class RequestLimits
{
    public const int MaxBodyBytes = 16 * 1024;
    public const int MaxIdLength = 128;
    public const int MaxRecommendedItems = 100;
}
