using System.Globalization;
using System.Text;

namespace SessionRec.Cli.Tests.Support;

/// <summary>
/// Small synthetic data with structure a session-kNN can learn: items come in groups and a user or session walks
/// through one group in order, so the next item is predictable from the previous ones.
/// </summary>
internal static class GeneratedData
{
    public static string SequenceFile(TempDirectory dir, int users = 300, int seed = 1)
    {
        var rng = new Random(seed);
        var text = new StringBuilder();
        for (int u = 0; u < users; u++)
        {
            // Each user visits all five items of a group, starting anywhere and wrapping around, so a user's held-out
            // items are in other users' training parts.
            int group = rng.Next(20);
            int start = rng.Next(5);
            text.Append(CultureInfo.InvariantCulture, $"user{u}");
            for (int i = 0; i < 5; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $" item{(group * 5) + ((start + i) % 5)}");
            }

            text.Append('\n');
        }

        return dir.File("sequences.txt", text.ToString());
    }

    public static string ClickLog(TempDirectory dir, string name, int sessions, int firstSession, int seed)
    {
        var rng = new Random(seed);
        var text = new StringBuilder("SessionId\tItemId\tTime\n");
        double time = 1_000_000 + (firstSession * 100);
        for (int s = firstSession; s < firstSession + sessions; s++)
        {
            int group = rng.Next(10);
            int length = 2 + rng.Next(4);
            for (int i = 0; i < length; i++)
            {
                time += 1 + rng.Next(5);
                text.Append(CultureInfo.InvariantCulture, $"{s}\t{100 + (group * 6) + i}\t{time:F3}\n");
            }
        }

        return dir.File(name, text.ToString());
    }
}
