namespace SessionRec.Server.Validation;

/// <summary>
/// A rejected request: the field at fault (null for the body as a whole), what is wrong with it, and the status
/// (400; 413 for a body over the size limit; 415 for a body that is not declared JSON). <see cref="Hosting.ApiExceptionHandler"/> answers it.
/// </summary>
public sealed class RequestProblem(string? field, string message, int statusCode = StatusCodes.Status400BadRequest) : Exception(message)
{
    public string? Field { get; } = field;

    public int StatusCode { get; } = statusCode;
}
