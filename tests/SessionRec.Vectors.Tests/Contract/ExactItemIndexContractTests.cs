using SessionRec.Core.Ranking;
using SessionRec.Core.Retrieval;

namespace SessionRec.Vectors.Tests.Contract;

public sealed class ExactItemIndexContractTests : ItemIndexContractTests
{
    protected override Task<IMutableItemIndex> CreateAsync(float[] embeddings, int dimension) =>
        Task.FromResult<IMutableItemIndex>(new ExactItemIndex(embeddings, dimension));
}
