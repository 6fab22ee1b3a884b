using System.Text.Json.Nodes;
using SessionRec.Core.Items;
using SessionRec.Models.Knn;

namespace SessionRec.Training.Fitting;

public sealed class VmisknnFitter : ModelFitter<VmisknnModel>
{
    public override string Name => VmisknnModel.TypeName;

    protected override VmisknnModel FitModel(ItemVocabulary vocabulary, IReadOnlyList<int[]> train, JsonObject hyperParameters) =>
        new(vocabulary, train, VmisknnModelStore.OptionsFrom(hyperParameters));

    protected override JsonObject HyperParametersOf(VmisknnModel model) => VmisknnModelStore.HyperParameters(model.Options);

    protected override void SaveModel(string directory, VmisknnModel model) => VmisknnModelStore.Save(directory, model);
}
