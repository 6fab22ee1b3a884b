using System.Text.Json.Nodes;
using SessionRec.Core.Items;
using SessionRec.Models.Popularity;

namespace SessionRec.Training.Fitting;

public sealed class PopularityFitter : ModelFitter<PopularityModel>
{
    public override string Name => PopularityModel.TypeName;

    protected override PopularityModel FitModel(ItemVocabulary vocabulary, IReadOnlyList<int[]> train, JsonObject hyperParameters) =>
        PopularityModel.Fit(vocabulary, train);

    protected override JsonObject HyperParametersOf(PopularityModel model) => [];

    protected override void SaveModel(string directory, PopularityModel model) => PopularityModelStore.Save(directory, model);
}
