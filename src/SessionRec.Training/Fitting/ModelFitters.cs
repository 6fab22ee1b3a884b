namespace SessionRec.Training.Fitting;

/// <summary>The one-pass trainers by kind name (the serving side's counterpart is ModelKindRegistry).</summary>
public sealed class ModelFitters
{
    private readonly Dictionary<string, IModelFitter> _fitters;

    public ModelFitters(IEnumerable<IModelFitter> fitters)
    {
        ArgumentNullException.ThrowIfNull(fitters);
        _fitters = fitters.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    /// <summary>Every one-pass kind shipped; a new kind adds its line here.</summary>
    public static ModelFitters Default { get; } = new([new PopularityFitter(), new VsknnFitter(), new VmisknnFitter(), new SequentialRulesFitter()]);

    public IReadOnlyCollection<string> Names => [.. _fitters.Keys.Order(StringComparer.Ordinal)];

    public IModelFitter Get(string name) =>
        _fitters.TryGetValue(name, out var fitter)
            ? fitter
            : throw new ArgumentException($"No fitter for model kind '{name}' (known: {string.Join(", ", Names)}).", nameof(name));
}
