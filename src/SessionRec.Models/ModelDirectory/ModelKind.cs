using SessionRec.Core.Ranking;

namespace SessionRec.Models.ModelDirectory;

/// <summary>
/// Base of every <see cref="IModelKind"/>: a kind handles its own model type only, so the one cast from
/// <see cref="INextItemModel"/> happens here, and checks shared by every kind (a non-empty vocabulary, the right
/// name) run before the kind's own.
/// </summary>
public abstract class ModelKind<TModel> : IModelKind
    where TModel : class, INextItemModel
{
    public abstract string Name { get; }

    public async Task<INextItemModel> LoadAsync(string directory, ModelManifest manifest, ModelLoadOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(options);
        return await LoadModelAsync(directory, manifest, options, cancellationToken).ConfigureAwait(false);
    }

    public IReadOnlyList<string> Check(INextItemModel model)
    {
        var typed = Own(model);
        var problems = new List<string>();
        if (typed.Name != Name)
        {
            problems.Add($"the model calls itself '{typed.Name}', not '{Name}'");
        }

        if (typed.Vocabulary.Count == 0)
        {
            problems.Add("the vocabulary is empty");
        }
        else
        {
            problems.AddRange(CheckModel(typed));
        }

        return problems;
    }

    public ModelDescription Describe(INextItemModel model) => DescribeModel(Own(model));

    protected abstract Task<TModel> LoadModelAsync(string directory, ModelManifest manifest, ModelLoadOptions options, CancellationToken cancellationToken);

    /// <summary>The kind's own checks; runs only on a model with a non-empty vocabulary.</summary>
    protected abstract IEnumerable<string> CheckModel(TModel model);

    protected abstract ModelDescription DescribeModel(TModel model);

    private TModel Own(INextItemModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model as TModel ?? throw new ArgumentException($"A {model.Name} model is not a {Name} model.", nameof(model));
    }
}
