using System.Reflection;
using System.Text.Json;

namespace SessionRec.Server.Tests.Architecture;

/// <summary>The server ships serving code only: the training engine and the trainer stay out of its closure.</summary>
public class ServerClosureTests
{
    private static readonly string[] TrainingAssemblies = ["SessionRec.Tensors", "SessionRec.Training"];

    [Fact]
    public void The_server_assembly_closure_holds_no_training_assembly()
    {
        var closure = Closure(typeof(Program).Assembly);

        Assert.Contains("SessionRec.Models", closure);
        Assert.Contains("SessionRec.Vectors", closure);
        Assert.DoesNotContain(closure, name => TrainingAssemblies.Contains(name));
    }

    [Fact]
    public void The_server_deps_file_lists_no_training_project()
    {
        // WebApplicationFactory needs the server's .deps.json next to the tests, so it is always there to read.
        string path = Path.Combine(AppContext.BaseDirectory, "SessionRec.Server.deps.json");
        using var deps = JsonDocument.Parse(File.ReadAllText(path));
        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name.Split('/')[0]).ToList();

        Assert.Contains("SessionRec.Models", libraries);
        Assert.DoesNotContain(libraries, name => TrainingAssemblies.Contains(name));
    }

    [Fact]
    public void Vectors_references_only_core_among_our_projects()
    {
        var ours = typeof(SessionRec.Vectors.ItemIndexFactory).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("SessionRec.", StringComparison.Ordinal));

        Assert.Equal(["SessionRec.Core"], ours);
    }

    private static HashSet<string> Closure(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { root.GetName().Name! };
        var pending = new Stack<Assembly>([root]);
        while (pending.TryPop(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                // Framework and package assemblies cannot reach our projects; only ours are walked further.
                if (seen.Add(reference.Name!) && reference.Name!.StartsWith("SessionRec.", StringComparison.Ordinal))
                {
                    pending.Push(Assembly.Load(reference));
                }
            }
        }

        return seen;
    }
}
