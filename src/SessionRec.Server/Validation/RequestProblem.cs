namespace SessionRec.Server.Validation;

/// <summary>A rejected request: the field at fault (null for the body as a whole) and what is wrong with it.</summary>
public sealed class RequestProblem(string? field, string message) : Exception(message)
{
    public string? Field { get; } = field;
}
