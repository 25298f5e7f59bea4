using StageControl.Core.Timing;

namespace StageControl.Core.Tests.Timing;

public class FrameRateTests
{
    [Theory]
    [InlineData("24000/1001", 24000, 1001)]
    [InlineData("25", 25, 1)]
    [InlineData(" 30000 / 1001 ", 30000, 1001)]
    [InlineData("120/1", 120, 1)]
    public void TryParse_ValidRate_KeepsTermsAsWritten(string text, long num, long den)
    {
        // Act
        var ok = FrameRate.TryParse(text, out var rate, out _);

        // Assert
        Assert.True(ok);
        Assert.Equal(num, rate.Numerator);
        Assert.Equal(den, rate.Denominator);
    }

    [Theory]
    [InlineData("0/1")]
    [InlineData("24/0")]
    [InlineData("-24/1")]
    [InlineData("24.0/1")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("2000000/1")]
    public void TryParse_BadRate_RefusesWithReason(string text)
    {
        // Act
        var ok = FrameRate.TryParse(text, out _, out var why);

        // Assert
        Assert.False(ok);
        Assert.Contains("frame rate", why, StringComparison.Ordinal);
    }

    [Fact]
    public void Equals_EquivalentFractions_AreEqual()
    {
        // Arrange / Act / Assert
        Assert.Equal(new FrameRate(50, 2), FrameRate.Fps25);
        Assert.Equal(new FrameRate(50, 2).GetHashCode(), FrameRate.Fps25.GetHashCode());
        Assert.NotEqual(FrameRate.Fps29_97, FrameRate.Fps30);
        Assert.Equal("30000/1001", FrameRate.Fps29_97.ToString());
    }
}
