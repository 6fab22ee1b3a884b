using System.Collections.Concurrent;
using SessionRec.Core.Items;
using SessionRec.Core.Ranking;

namespace SessionRec.Training.Tuning;

/// <summary>
/// Remembers a model's list per (session, exclude, size) so a tuner that asks the same questions for every setting
/// (e.g. each blend weight of a hybrid) runs the model once per validation case instead of once per setting.
/// Only for offline tools: memory grows with the number of distinct questions.
/// </summary>
public sealed class MemoizedModel(INextItemModel inner) : INextItemModel
{
    private readonly ConcurrentDictionary<string, ScoredItem[]> _lists = new(StringComparer.Ordinal);

    public INextItemModel Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    public string Name => Inner.Name;

    public ItemVocabulary Vocabulary => Inner.Vocabulary;

    public int Recommend(ReadOnlySpan<int> session, ReadOnlySpan<int> exclude, Span<ScoredItem> destination)
    {
        string key = $"{destination.Length}|{string.Join(',', session.ToArray())}|{string.Join(',', exclude.ToArray())}";
        if (!_lists.TryGetValue(key, out var list))
        {
            var buffer = new ScoredItem[destination.Length];
            int found = Inner.Recommend(session, exclude, buffer);
            list = buffer[..found];
            _lists.TryAdd(key, list);
        }

        list.CopyTo(destination);
        return list.Length;
    }
}
