namespace SessionRec.Server.Hosting;

/// <summary>
/// A reload that did not happen, and why: 422 when the model failed a check (its files, the catalog, the canary), 409
/// when the request conflicts with the server's state (a reload already running, nothing to reload), 403 when the
/// requested directory is outside <see cref="ReloadRoot"/>. The old model
/// keeps serving. <see cref="ApiExceptionHandler"/> turns it into problem+json; the reason names no file path.
/// </summary>
public sealed class ModelRefusedException(int statusCode, string reason) : Exception(reason)
{
    public int StatusCode { get; } = statusCode;

    public static ModelRefusedException Unusable(string reason) => new(StatusCodes.Status422UnprocessableEntity, reason);

    public static ModelRefusedException Conflict(string reason) => new(StatusCodes.Status409Conflict, reason);

    public static ModelRefusedException Forbidden(string reason) => new(StatusCodes.Status403Forbidden, reason);
}
