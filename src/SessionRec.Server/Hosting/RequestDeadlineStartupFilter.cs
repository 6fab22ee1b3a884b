using SessionRec.Core.Sessions;

namespace SessionRec.Server.Hosting;

/// <summary>
/// Opens a <see cref="RequestDeadline"/> scope around every request, first in the pipeline, so all store calls of one
/// request share one deadline (<c>Redis:RequestDeadline</c>). A startup filter keeps it out of Program.cs.
/// </summary>
internal sealed class RequestDeadlineStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            using (RequestDeadline.Begin())
            {
                await nextMiddleware(context);
            }
        });
        next(app);
    };
}
