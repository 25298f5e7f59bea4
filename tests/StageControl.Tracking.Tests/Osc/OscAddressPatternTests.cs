// OSC address pattern matching (OSC 1.0 "OSC Message Dispatching and Pattern Matching"; OSC 1.1 "//").
using StageControl.Tracking.Osc;

namespace StageControl.Tracking.Tests.Osc;

public sealed class OscAddressPatternTests
{
    [Theory]
    [InlineData("/camera/1/pose", "/camera/1/pose", true)]
    [InlineData("/camera/1/pose", "/camera/1/lens", false)]
    [InlineData("/camera/?/pose", "/camera/7/pose", true)]
    [InlineData("/camera/?/pose", "/camera/17/pose", false)]
    [InlineData("/camera/*/pose", "/camera/17/pose", true)]
    [InlineData("/camera/*", "/camera/1/pose", false)]
    [InlineData("/*/*/pose", "/camera/1/pose", true)]
    [InlineData("/cam*ra/1/po*", "/camera/1/pose", true)]
    [InlineData("/camera/*1/pose", "/camera/21/pose", true)]
    [InlineData("/camera/*", "/camera/", true)]
    [InlineData("/camera/[0-9]/pose", "/camera/5/pose", true)]
    [InlineData("/camera/[0-9]/pose", "/camera/a/pose", false)]
    [InlineData("/camera/[!0-9]/pose", "/camera/a/pose", true)]
    [InlineData("/camera/[!0-9]/pose", "/camera/5/pose", false)]
    [InlineData("/camera/[abc]/pose", "/camera/b/pose", true)]
    [InlineData("/camera/[a-]/pose", "/camera/-/pose", true)]
    [InlineData("/camera/[-a]/pose", "/camera/-/pose", true)]
    [InlineData("/camera/[0-9/pose", "/camera/5/pose", false)]
    [InlineData("/camera/1/{pose,lens}", "/camera/1/lens", true)]
    [InlineData("/camera/1/{pose,lens}", "/camera/1/focus", false)]
    [InlineData("/camera/{1,12}/pose", "/camera/12/pose", true)]
    [InlineData("/camera/{1/pose", "/camera/1/pose", false)]
    [InlineData("//pose", "/camera/1/pose", true)]
    [InlineData("//spherical", "/position/spherical", true)]
    [InlineData("//1/pose", "/camera/1/pose", true)]
    [InlineData("//lens", "/camera/1/pose", false)]
    [InlineData("/camera//pose", "/camera/1/pose", true)]
    public void IsMatch_Pattern_MatchesPerOscRules(string pattern, string address, bool expected)
    {
        // Arrange + Act
        var matched = OscAddressPattern.IsMatch(pattern, address);

        // Assert
        Assert.Equal(expected, matched);
    }

    [Fact]
    public void IsMatch_PathologicalStars_TerminatesFalse()
    {
        // Arrange: a pattern from the network with many stars and no possible match
        var pattern = "/" + string.Concat(Enumerable.Repeat("*a", 30)) + "b";
        var address = "/" + new string('a', 60);

        // Act
        var matched = OscAddressPattern.IsMatch(pattern, address);

        // Assert
        Assert.False(matched);
    }
}
