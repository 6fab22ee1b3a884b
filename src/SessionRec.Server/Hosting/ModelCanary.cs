using SessionRec.Core.ColdStart;
using SessionRec.Core.Ranking;

namespace SessionRec.Server.Hosting;

/// <summary>What a canary inference found: items (Found), nothing, or a failure with a short fixed reason.</summary>
public sealed record CanaryResult(int Found, string? Failure, Exception? Exception = null)
{
    public bool Failed => Failure is not null;
}

/// <summary>
/// A canary inference: the model ranks a one-item session and must answer items of its vocabulary with finite scores.
/// Health runs it on the served model, a reload on the incoming one before the swap (which also warms it: ONNX
/// Runtime's first run allocates and plans).
/// </summary>
public static class ModelCanary
{
    public const int K = 10;

    /// <summary>The hottest trending items the model knows (most <paramref name="count"/>), else its first item.</summary>
    public static async Task<IReadOnlyList<int>> ItemsAsync(INextItemModel model, ITrendingStore trending, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(trending);
        var items = new List<int>(count);
        foreach (var item in await trending.TopAsync(32, cancellationToken))
        {
            if (items.Count < count && model.Vocabulary.TryGetIndex(item, out int index))
            {
                items.Add(index);
            }
        }

        if (items.Count == 0)
        {
            items.Add(1); // index 0 is padding
        }

        return items;
    }

    public static async Task<CanaryResult> RunAsync(INextItemModel model, int item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        int[] session = [item];
        var ranked = new ScoredItem[K];
        int found;
        try
        {
            found = await model.RecommendAsync(session, session, ranked, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new CanaryResult(0, "the canary inference failed", e);
        }

        if (found < 0 || found > K)
        {
            return new CanaryResult(0, "the canary inference answered an impossible count");
        }

        for (int i = 0; i < found; i++)
        {
            if (!float.IsFinite(ranked[i].Score) || ranked[i].Index < 1 || ranked[i].Index > model.Vocabulary.Count)
            {
                return new CanaryResult(0, "the canary inference returned non-finite scores or unknown items");
            }
        }

        return new CanaryResult(found, null);
    }
}
