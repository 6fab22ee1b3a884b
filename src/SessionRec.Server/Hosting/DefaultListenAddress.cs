namespace SessionRec.Server.Hosting;

/// <summary>
/// Port 8000 by default, as the original service, but only when none of ASP.NET Core's own ways to choose an address
/// is used: <c>urls</c> (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>DOTNET_URLS</c>), <c>http_ports</c> /
/// <c>https_ports</c> (<c>ASPNETCORE_HTTP_PORTS</c>, ...; the aspnet container images set this one) or
/// <c>Kestrel:Endpoints</c>. Keys are read from configuration, where the environment prefixes are already removed.
/// </summary>
public static class DefaultListenAddress
{
    public const string Url = "http://localhost:8000";

    public static bool Applies(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return string.IsNullOrWhiteSpace(configuration["urls"])
            && string.IsNullOrWhiteSpace(configuration["http_ports"])
            && string.IsNullOrWhiteSpace(configuration["https_ports"])
            && !configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
    }
}
