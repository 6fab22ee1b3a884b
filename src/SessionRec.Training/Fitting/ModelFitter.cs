using System.Text.Json.Nodes;
using SessionRec.Core.Items;
using SessionRec.Core.Ranking;

namespace SessionRec.Training.Fitting;

/// <summary>Base of every <see cref="IModelFitter"/>: a fitter handles its own model type, so the one cast lives here.</summary>
public abstract class ModelFitter<TModel> : IModelFitter
    where TModel : class, INextItemModel
{
    public abstract string Name { get; }

    public INextItemModel Fit(ItemVocabulary vocabulary, IReadOnlyList<int[]> train, JsonObject hyperParameters)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(hyperParameters);
        return FitModel(vocabulary, train, hyperParameters);
    }

    public JsonObject HyperParameters(INextItemModel model) => HyperParametersOf(Own(model));

    public void Save(string directory, INextItemModel model)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var typed = Own(model);
        Directory.CreateDirectory(directory);
        SaveModel(directory, typed);
    }

    protected abstract TModel FitModel(ItemVocabulary vocabulary, IReadOnlyList<int[]> train, JsonObject hyperParameters);

    protected abstract JsonObject HyperParametersOf(TModel model);

    protected abstract void SaveModel(string directory, TModel model);

    private TModel Own(INextItemModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model as TModel ?? throw new ArgumentException($"A {model.Name} model is not a {Name} model.", nameof(model));
    }
}
