using System.Reflection;

namespace SessionRec.Server.Hosting;

/// <summary>
/// The build's version (MinVer, from git: e.g. <c>0.1.0-alpha.0.77+e0aad4c</c>), the same for every assembly and for
/// <c>sessionrec --version</c>; shown by health, <c>/api/v1/model</c> and the OpenAPI document.
/// </summary>
public static class ServiceVersion
{
    public static string Current { get; } =
        typeof(ServiceVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
