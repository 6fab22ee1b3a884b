using SessionRec.Core.Sessions;

namespace SessionRec.Core.Tests.Sessions;

public class RequestDeadlineTests
{
    private static readonly TimeSpan PerCall = TimeSpan.FromSeconds(1);

    [Fact]
    public void Outside_a_request_every_call_gets_its_own_timeout() =>
        Assert.Equal(PerCall, RequestDeadline.Remaining(TimeSpan.FromMilliseconds(10), PerCall));

    [Fact]
    public async Task Inside_a_request_later_calls_get_only_what_is_left_and_nothing_once_it_is_spent()
    {
        using (RequestDeadline.Begin())
        {
            var first = RequestDeadline.Remaining(TimeSpan.FromMilliseconds(200), PerCall);
            await Task.Delay(250, TestContext.Current.CancellationToken);
            var later = RequestDeadline.Remaining(TimeSpan.FromMilliseconds(200), PerCall);

            Assert.InRange(first, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(200));
            Assert.Equal(TimeSpan.Zero, later);
        }

        Assert.Equal(PerCall, RequestDeadline.Remaining(TimeSpan.FromMilliseconds(200), PerCall));
    }

    [Fact]
    public async Task The_clock_starts_at_the_first_store_call_not_when_the_request_began()
    {
        using (RequestDeadline.Begin())
        {
            await Task.Delay(250, TestContext.Current.CancellationToken); // a slow body upload
            Assert.True(RequestDeadline.Remaining(TimeSpan.FromMilliseconds(200), PerCall) > TimeSpan.FromMilliseconds(100));
        }
    }
}
