using SessionRec.Core.Serving;

namespace SessionRec.Core.Tests.Serving;

public class NativeHeapTests
{
    [Fact]
    public void Trimming_reaches_glibc_on_linux_and_is_a_no_op_elsewhere()
    {
        // The build and test machines are Debian (glibc): there the P/Invoke must bind, or reloads would keep the pages.
        Assert.Equal(OperatingSystem.IsLinux(), NativeHeap.Trim());
    }
}
