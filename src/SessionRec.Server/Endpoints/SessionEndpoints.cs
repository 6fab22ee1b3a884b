using Microsoft.AspNetCore.Http.HttpResults;
using SessionRec.Core.Privacy;
using SessionRec.Core.Serving;
using SessionRec.Core.Sessions;
using SessionRec.Server.Validation;

namespace SessionRec.Server.Endpoints;

public static class SessionEndpoints
{
    public static RouteGroupBuilder MapSessionEndpoints(this RouteGroupBuilder api)
    {
        api.MapDelete("/sessions/{session_id}", DeleteSession)
            .WithName("DeleteSession")
            .WithSummary("Forget a session and everything derived from it, at once (idempotent).");
        return api;
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteSession(
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "session_id")] string sessionId,
        SessionIdHasher hasher,
        ClickIngestor clicks,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        try
        {
            JsonBody.ValidateId("session_id", sessionId);
        }
        catch (RequestProblem problem)
        {
            return Problems.BadRequest(problem);
        }

        try
        {
            await clicks.DeleteSessionAsync(hasher.Hash(sessionId), cancellationToken);
        }
        catch (SessionStoreUnavailableException)
        {
            return Problems.StoreUnavailable(context, "The session store is unavailable; the session was not deleted. Retry later.");
        }

        return TypedResults.NoContent();
    }
}
