using System.Text.Json.Nodes;
using SessionRec.Core.Items;
using SessionRec.Models.Rules;

namespace SessionRec.Training.Fitting;

public sealed class SequentialRulesFitter : ModelFitter<SequentialRulesModel>
{
    public override string Name => SequentialRulesModel.TypeName;

    protected override SequentialRulesModel FitModel(ItemVocabulary vocabulary, IReadOnlyList<int[]> train, JsonObject hyperParameters) =>
        new(vocabulary, train, SequentialRulesModelStore.OptionsFrom(hyperParameters));

    protected override JsonObject HyperParametersOf(SequentialRulesModel model) => SequentialRulesModelStore.HyperParameters(model.Options);

    protected override void SaveModel(string directory, SequentialRulesModel model) => SequentialRulesModelStore.Save(directory, model);
}
