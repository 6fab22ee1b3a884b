using System.Text.Json.Nodes;
using SessionRec.Core.Items;
using SessionRec.Models.Knn;

namespace SessionRec.Training.Fitting;

public sealed class VsknnFitter : ModelFitter<VsknnModel>
{
    public override string Name => VsknnModel.TypeName;

    protected override VsknnModel FitModel(ItemVocabulary vocabulary, IReadOnlyList<int[]> train, JsonObject hyperParameters) =>
        new(vocabulary, train, VsknnModelStore.OptionsFrom(hyperParameters));

    protected override JsonObject HyperParametersOf(VsknnModel model) => VsknnModelStore.HyperParameters(model.Options);

    protected override void SaveModel(string directory, VsknnModel model) => VsknnModelStore.Save(directory, model);
}
