using Microsoft.Extensions.DependencyInjection;
using SessionRec.Core.Privacy;
using SessionRec.Core.Sessions;

namespace SessionRec.Server.Tests.Infrastructure;

public static class FactoryExtensions
{
    /// <summary>What the store holds for a session id, read the way the server reads it (through the keyed hash).</summary>
    public static async Task<IReadOnlyList<string>> ReadSessionAsync(this SessionRecFactory factory, string sessionId)
    {
        var hasher = factory.Services.GetRequiredService<SessionIdHasher>();
        var store = factory.Services.GetRequiredService<ISessionStore>();
        return await store.ReadAsync(hasher.Hash(sessionId), TestContext.Current.CancellationToken);
    }

    /// <summary>Why the server refused to start (the options validation message, through whatever wraps it).</summary>
    public static string StartUpFailure(this SessionRecFactory factory)
    {
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        return $"{error.Message} {error.InnerException?.Message}";
    }
}
