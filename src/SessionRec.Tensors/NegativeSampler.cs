namespace SessionRec.Tensors;

/// <summary>Draws the negatives for <see cref="Tape.RowSampledSoftmaxLoss"/>.</summary>
public static class NegativeSampler
{
    /// <summary>
    /// <paramref name="count"/> ids uniform in [<paramref name="minId"/>, <paramref name="maxIdExclusive"/>), with
    /// replacement. Uniform sampling needs no log-Q correction (it cancels in the softmax).
    /// </summary>
    public static int[] Uniform(DeterministicRandom random, int count, int minId, int maxIdExclusive)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (maxIdExclusive <= minId)
        {
            throw new ArgumentException("Empty id range.", nameof(maxIdExclusive));
        }

        var ids = new int[count];
        for (int i = 0; i < count; i++)
        {
            ids[i] = random.NextInt(minId, maxIdExclusive);
        }

        return ids;
    }
}
