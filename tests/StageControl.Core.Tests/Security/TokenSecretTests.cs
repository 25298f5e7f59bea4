// Secret files: the text `stagectl token secret` writes, and what is refused when reading one.
using StageControl.Core.Security;

namespace StageControl.Core.Tests.Security;

public sealed class TokenSecretTests
{
    [Fact]
    public void TryParse_FormattedSecret_SameBytes()
    {
        // Arrange
        var secret = TokenSecret.Generate();

        // Act
        var ok = TokenSecret.TryParse(TokenSecret.Format(secret), out var back, out var problem);

        // Assert
        Assert.True(ok, problem);
        Assert.Equal(secret, back);
        Assert.Equal(TokenSecret.DefaultBytes, secret.Length);
    }

    [Fact]
    public void TryParse_StandardBase64WithPadding_Accepted()
    {
        // Arrange: `openssl rand -base64 48` style.
        var bytes = Enumerable.Range(0, 48).Select(i => (byte)(250 - i)).ToArray();

        // Act
        var ok = TokenSecret.TryParse("  " + Convert.ToBase64String(bytes) + "\r\n", out var back, out _);

        // Assert
        Assert.True(ok);
        Assert.Equal(bytes, back);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("   \n", "is empty")]
    [InlineData("c2hvcnQ", "holds 5 bytes; a token secret needs at least 32")]
    [InlineData("not base64 at all!", "is not one line of base64")]
    [InlineData("AAAAA", "wrong length")]
    public void TryParse_Unusable_ProblemSaysWhy(string text, string expected)
    {
        // Act
        var ok = TokenSecret.TryParse(text, out _, out var problem);

        // Assert
        Assert.False(ok);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_MissingFile_ProblemNamesThePath()
    {
        // Arrange
        var path = Path.Combine(Path.GetTempPath(), "stagecontrol-no-such-secret-" + Guid.NewGuid().ToString("N"));

        // Act
        var ok = TokenSecret.TryLoad(path, out _, out var problem);

        // Assert
        Assert.False(ok);
        Assert.StartsWith($"secret file {path} cannot be read", problem, StringComparison.Ordinal);
    }
}
