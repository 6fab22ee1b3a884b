namespace SessionRec.Core.Experiments;

/// <summary>
/// An arm's hit rate minus the control's, with a 95 % confidence interval (Wald, unpooled: two independent binomial
/// proportions, which the arms are, since each session is in exactly one). When the interval excludes 0 the
/// difference is unlikely to be noise. Null figures while either arm has nothing resolved.
/// </summary>
public sealed record HitRateDifference(string Control, double Difference, double Low, double High)
{
    private const double Z95 = 1.959963984540054;

    public bool Significant => Low > 0 || High < 0;

    public static HitRateDifference? Between(string control, long controlHits, long controlResolved, long hits, long resolved)
    {
        if (controlResolved <= 0 || resolved <= 0)
        {
            return null;
        }

        double p0 = (double)controlHits / controlResolved;
        double p1 = (double)hits / resolved;
        double se = Math.Sqrt((p0 * (1 - p0) / controlResolved) + (p1 * (1 - p1) / resolved));
        double d = p1 - p0;
        return new HitRateDifference(control, d, d - (Z95 * se), d + (Z95 * se));
    }
}
