using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using SessionRec.Cli.Arguments;
using SessionRec.Models.Data;
using SessionRec.Models.Repeat;
using SessionRec.Models.Sasrec;
using SessionRec.Training.Evaluation;
using SessionRec.Training.Sasrec;
using SessionRec.Training.Tuning;

namespace SessionRec.Cli.Commands;

/// <summary>
/// <c>tune --model sasrec</c>: successive halving of SASRec's settings (<see cref="SasrecSearch"/>) on the split
/// <c>train</c> validates on (a sequence file: each user's second-to-last item; a click log: <c>--validation</c> or
/// the newest sessions held out), then the winning trial's weights written as a model directory, as <c>train</c>
/// writes it (with the refit on every session for a click log without <c>--validation</c>), and every trial as JSON.
/// </summary>
internal static class SasrecTuneRun
{
    private const string Command = "tune";

    public static int Run(CliContext context, ParseResult parsed, TuneCommandLine c)
    {
        foreach (var option in new Option[] { c.Parts, c.ServeParts, c.Step, c.Objective, c.MinMrr, c.K })
        {
            if (parsed.Given(option))
            {
                throw new CliUsageException($"{Command}: {option.Name} does not apply to --model sasrec (it selects on validation NDCG@10).");
            }
        }

        string dataPath = TuneCommandLine.Require(parsed, c.Data);
        string output = TuneCommandLine.Require(parsed, c.Out);
        var budget = TimeSpan.FromMinutes(parsed.GetValue(c.Budget));
        int seed = parsed.GetValue(c.Seed);
        int threads = parsed.GetValue(c.Threads);
        var format = CommonOptions.ParseFormat(parsed.GetValue(c.Format)) ?? DataFormatDetector.Detect(dataPath);
        string? validationPath = parsed.GetValue(c.Validation);
        if (validationPath is not null && format == DataFormat.Sequences)
        {
            throw new CliUsageException($"{Command}: --validation is for click logs; a sequence file validates on each user's second-to-last item.");
        }

        var dataset = DataArguments.Load(dataPath, format);
        var protocol = format == DataFormat.Sequences ? EvaluationProtocol.LeaveOneOut : EvaluationProtocol.NextItem;
        var split = SasrecTraining.Split(dataset, protocol,
            validationPath is null ? null : TuneCommand.ValidationSet(validationPath, format, dataset.Vocabulary, context));
        if (split.Validation is not { Cases.Count: > 0 } validation)
        {
            context.Error.WriteLine($"{Command}: no validation cases in {validationPath ?? dataPath}; nothing to tune on.");
            return ExitCodes.Failure;
        }

        var defaults = SasrecTrainRun.Options(new SasrecTrainOptions { Seed = seed, Threads = threads });
        // A click log's refit on every session runs after the search; it gets a round's share of the budget.
        int reserved = split.HeldOutRecent && defaults.Refit ? 1 : 0;
        string validationName = validationPath
            ?? (split.HeldOutRecent ? string.Create(CultureInfo.InvariantCulture, $"the newest {SasrecTraining.HeldOutFraction:P0} of the sessions") : "the second-to-last item of every user");
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Searching SASRec settings for {budget.TotalMinutes:0.##} min: successive halving from {SasrecSearch.FirstRoundSettings(budget.TotalSeconds, SasrecSearchSpace.Default, reserved)} settings, scored by NDCG@10 on {validationName} ({validation.Cases.Count} cases)."));
        var search = SasrecSearch.Run(split.Train, dataset.Vocabulary, validation, defaults, budget, seed,
            reservedShares: reserved,
            onTrialStart: p => context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"trial {p.Number} (bracket {p.Bracket} round {p.Round}, budget {p.BudgetSeconds:0.#} s): {p.Settings} ...")),
            onTrial: t => context.Out.WriteLine(Line(t)));

        WriteTable(context.Out, search);
        TuneCommand.WriteRecord(context, parsed, c, output, Record(search, dataPath, validationName, budget, seed));

        var outcome = SasrecTraining.Complete(dataset, split, search.WinnerOptions, search.WinnerResult,
            evaluation: new EvaluationOptions { Threads = threads });
        if (outcome.Refit is { } refit)
        {
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Refit the winner on every session for {refit.History.Count} epochs in {refit.Elapsed.TotalSeconds:F0} s; validation figures are its trial's."));
        }

        SasrecTrainRun.Write(context, output, outcome, dataset, format, RepeatModelStore.DefaultsFor(SasrecArtifact.ModelName));
        return ExitCodes.Success;
    }

    private static string Line(SasrecTrial t) => string.Create(CultureInfo.InvariantCulture,
        $"trial {t.Number}: validation HR@10 {t.HitRate10:F4} NDCG@10 {t.Ndcg10:F4}, {t.EpochsRun} epochs (best {t.BestEpoch}, {t.StopReason}) in {t.Elapsed.TotalSeconds:F1} s");

    private static void WriteTable(TextWriter output, SasrecSearchResult search)
    {
        output.WriteLine();
        output.WriteLine(" trial bracket round  dim blocks heads dropout attn    lr     loss   filter  wd   budget s  epochs  HR@10   NDCG@10  seconds");
        foreach (var t in search.Trials)
        {
            var s = t.Settings;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(t.Number == search.Winner.Number ? "*" : " ")}{t.Number,5} {t.Bracket,7} {t.Round,5} {s.Dim,4} {s.Blocks,6} {s.Heads,5} {s.Dropout,7:0.##} {s.AttentionDropout,4:0.##} {s.LearningRate,7:0.####} {s.Loss.ToName(),-7} {s.FilterAlpha,5:0.##} {s.WeightDecay,4:0.##} {t.BudgetSeconds,8:F1}  {t.EpochsRun,6}  {t.HitRate10:F4}  {t.Ndcg10:F4}  {t.Elapsed.TotalSeconds,7:F1}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"best of {search.Trials.Count} trials (*): trial {search.Winner.Number}, {search.Winner.Settings} (validation NDCG@10 {search.Winner.Ndcg10:F4}, HR@10 {search.Winner.HitRate10:F4}); its weights are written."));
    }

    private static JsonObject Record(SasrecSearchResult search, string dataPath, string validation, TimeSpan budget, int seed) => new()
    {
        ["model"] = SasrecArtifact.ModelName,
        ["data"] = dataPath,
        ["validation"] = validation,
        ["budget_minutes"] = budget.TotalMinutes,
        ["seed"] = seed,
        ["selection"] = "validation ndcg@10",
        ["winner"] = search.Winner.Number,
        ["trials"] = new JsonArray([.. search.Trials.Select(t => (JsonNode)new JsonObject
        {
            ["trial"] = t.Number,
            ["bracket"] = t.Bracket,
            ["round"] = t.Round,
            ["settings"] = t.Settings.ToJson(),
            ["budget_seconds"] = Math.Round(t.BudgetSeconds, 1),
            ["epochs_run"] = t.EpochsRun,
            ["best_epoch"] = t.BestEpoch,
            ["stop_reason"] = t.StopReason.ToString(),
            ["hr@10"] = t.HitRate10,
            ["ndcg@10"] = t.Ndcg10,
            ["seconds"] = Math.Round(t.Elapsed.TotalSeconds, 1),
            ["won"] = t.Number == search.Winner.Number,
        })]),
    };
}
