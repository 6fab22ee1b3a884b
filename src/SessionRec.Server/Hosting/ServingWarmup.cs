namespace SessionRec.Server.Hosting;

/// <summary>Loads the model and catalog while the host starts, so a bad model path fails the start, not a request.</summary>
public sealed class ServingWarmup(ServingBootstrap bootstrap) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(bootstrap);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
