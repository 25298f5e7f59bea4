// grpc-timeout: TimeoutValue = 1*8 digits, units H M S m u n (grpc/grpc doc/PROTOCOL-HTTP2.md "Requests").
using FsCheck;
using FsCheck.Fluent;
using StageControl.Rpc.Internal;

namespace StageControl.Rpc.Tests.Wire;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("2500m", 25_000_000L)]
    [InlineData("190865u", 1_908_650L)]
    [InlineData("100n", 1L)]
    [InlineData("1n", 1L)]
    [InlineData("99999999H", 99_999_999L * 36_000_000_000L)]
    [InlineData("00000010S", 100_000_000L)]
    public void TryParse_ValidValue_GivesTicks(string value, long ticks)
    {
        // Act
        var ok = GrpcTimeout.TryParse(value, out var timeout);

        // Assert
        Assert.True(ok);
        Assert.Equal(ticks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("123456789S")]
    [InlineData("10s")]
    [InlineData("10x")]
    [InlineData("-1S")]
    [InlineData("1.5S")]
    [InlineData(" 1S")]
    public void TryParse_Malformed_ReturnsFalse(string value)
    {
        // Act
        var ok = GrpcTimeout.TryParse(value, out _);

        // Assert
        Assert.False(ok);
    }

    [Theory]
    [InlineData(2_000_000L, "200000u")]
    [InlineData(1L, "100n")]
    [InlineData(999_999L, "99999900n")]
    [InlineData(1_000_000L, "100000u")]
    [InlineData(36_000_000_000L, "3600000m")]
    [InlineData(864_000_000_000_000L, "86400000S")]
    public void Format_PicksFinestUnitWithinEightDigits(long ticks, string expected)
    {
        // Act
        var text = GrpcTimeout.Format(TimeSpan.FromTicks(ticks));

        // Assert
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Format_NonPositive_IsOneNanosecond()
    {
        // Act / Assert
        Assert.Equal("1n", GrpcTimeout.Format(TimeSpan.Zero));
        Assert.Equal("1n", GrpcTimeout.Format(TimeSpan.FromSeconds(-5)));
    }

    [Fact]
    public void Format_ThenParse_NeverShortensAndStaysWithinOneUnit()
    {
        var arb = ArbMap.Default.ArbFor<long>();
        Prop.ForAll(arb, raw =>
        {
            // Arrange: positive tick counts up to ~300 years.
            var ticks = 1 + (long)((ulong)raw % (ulong)(TimeSpan.TicksPerDay * 365 * 300));
            var timeout = TimeSpan.FromTicks(ticks);

            // Act
            var text = GrpcTimeout.Format(timeout);
            var ok = GrpcTimeout.TryParse(text, out var parsed);

            // Assert: at most 8 digits, rounded up, by less than one unit; moving to a coarser unit (×1000 at most) keeps
            // the value above 1e5, so the error is below 1e-5 of the timeout.
            var digits = text.Length - 1;
            return ok && digits <= 8 && parsed >= timeout && (parsed - timeout).Ticks <= 1 + (ticks / 100_000);
        }).QuickCheckThrowOnFailure();
    }
}
