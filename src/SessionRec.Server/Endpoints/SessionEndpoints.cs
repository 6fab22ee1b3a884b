using Microsoft.AspNetCore.Http.HttpResults;
using SessionRec.Server.Contracts;
using SessionRec.Server.Privacy;
using SessionRec.Server.Validation;

namespace SessionRec.Server.Endpoints;

public static class SessionEndpoints
{
    private const string Outage = "The session store is unavailable; the session was not deleted. Retry later.";

    public static RouteGroupBuilder MapSessionEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/sessions/delete", DeleteSessionByBody)
            .WithName("DeleteSessionByBody")
            .WithSummary("Forget a session and everything derived from it, at once (idempotent). Preferred: the id stays out of URLs and logs.")
            .AcceptsJson<DeleteSessionRequest>()
            .WithStoreOutage(Outage);
        // A catch-all, so an id with a raw '/' still names one session; the id is decoded from the raw target.
        api.MapDelete("/sessions/{**session_id}", DeleteSession)
            .WithName("DeleteSession")
            .WithSummary("Forget a session, its id in the URL (percent-encoded). Prefer POST /sessions/delete.")
            .ProducesValidationProblem()
            .WithStoreOutage(Outage);
        return api;
    }

    internal static async Task<NoContent> DeleteSessionByBody(HttpRequest request, SessionKeys keys, CancellationToken cancellationToken)
    {
        string sessionId;
        using (var body = await JsonBody.ReadAsync(request, cancellationToken))
        {
            sessionId = body.RequiredId("session_id");
        }

        await keys.DeleteAsync(sessionId, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<NoContent> DeleteSession(HttpContext context, SessionKeys keys, CancellationToken cancellationToken)
    {
        await keys.DeleteAsync(SessionIdFromPath.Read(context, "session_id"), cancellationToken);
        return TypedResults.NoContent();
    }
}
