using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SessionRec.Server.Hosting;

namespace SessionRec.Server.Tests.Infrastructure;

public static class ServingStartupOverride
{
    /// <summary>
    /// Replaces the real start-up with <paramref name="start"/> (e.g. publish a catalog and a test double model, or
    /// nothing at all, leaving the model slot Loading), so health can be observed in states a real start never serves.
    /// </summary>
    public static SessionRecFactory WithStartup(this SessionRecFactory factory, Action<IServiceProvider> start) =>
        factory.WithServices(services =>
        {
            services.RemoveWhere(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(ServingStartup));
            services.AddSingleton<IHostedService>(sp => new Start(() => start(sp)));
        });

    private static void RemoveWhere(this IServiceCollection services, Func<ServiceDescriptor, bool> match)
    {
        foreach (var descriptor in services.Where(match).ToList())
        {
            services.Remove(descriptor);
        }
    }

    private sealed class Start(Action run) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            run();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
