using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace SessionRec.Server.Security;

/// <summary>
/// Authenticates <c>X-Api-Key</c> (or <c>Authorization: Bearer</c>) against <c>Auth:ApiKeys</c>. With no keys
/// configured every request is admin, so the fresh-clone demo keeps working; the start-up log says the service is open.
/// Keys are compared as SHA-256 digests with a fixed-time comparison, over every configured key, so neither the
/// time nor the length of a guess reveals anything.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<AuthOptions> auth,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    private static readonly ClaimsPrincipal Open = Principal(ApiRoles.Admin, "open");

    private readonly (byte[] Digest, ClaimsPrincipal Principal)[] _keys =
        [.. auth.Value.ApiKeys.Select(k => (Digest(k.Key), Principal(k.Role, SchemeName)))];

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (_keys.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(Open, SchemeName)));
        }

        string? presented = Request.Headers[HeaderName].FirstOrDefault() ?? BearerToken();
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        byte[] digest = Digest(presented);
        ClaimsPrincipal? match = null;
        foreach (var (keyDigest, principal) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, keyDigest))
            {
                match ??= principal;
            }
        }

        return Task.FromResult(match is null
            ? AuthenticateResult.Fail("Unknown API key.")
            : AuthenticateResult.Success(new AuthenticationTicket(match, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\", Bearer";
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, "An API key is required.", $"Send a valid key in the '{HeaderName}' header (or as 'Authorization: Bearer').");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "The API key's role does not allow this.", "This endpoint needs an admin key.");

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    private string? BearerToken()
    {
        string? header = Request.Headers.Authorization.FirstOrDefault();
        const string prefix = "Bearer ";
        return header is not null && header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? header[prefix.Length..].Trim() : null;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>An admin key passes public endpoints too, so it carries both roles.</summary>
    private static ClaimsPrincipal Principal(string role, string authenticationType)
    {
        var claims = new List<Claim> { new(ClaimTypes.Role, ApiRoles.Public) };
        if (role == ApiRoles.Admin)
        {
            claims.Add(new Claim(ClaimTypes.Role, ApiRoles.Admin));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }
}
