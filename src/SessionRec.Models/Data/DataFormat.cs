namespace SessionRec.Models.Data;

/// <summary>The two on-disk interaction formats the readers understand.</summary>
public enum DataFormat
{
    /// <summary><c>user item item ...</c>, one user per line in time order (S3-Rec / ICLRec files).</summary>
    Sequences,

    /// <summary>A click log with <c>SessionId</c>, <c>ItemId</c>, <c>Time</c> columns and a header (session-rec files).</summary>
    Sessions,
}
