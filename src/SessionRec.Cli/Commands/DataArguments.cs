using SessionRec.Core.Items;
using SessionRec.Models.Data;

namespace SessionRec.Cli.Commands;

/// <summary>Loading of data files named on the command line.</summary>
public static class DataArguments
{
    public static SessionDataset Load(string path, DataFormat? format, ItemVocabulary? vocabulary = null) =>
        SessionDataset.Load(path, format ?? DataFormatDetector.Detect(path), vocabulary);

    public static string Name(this DataFormat format) => format == DataFormat.Sequences ? "sequences" : "sessions";
}
