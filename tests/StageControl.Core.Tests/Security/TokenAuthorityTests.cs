// Bearer tokens: round trip, tampering, expiry on a fake clock, wrong secret, malformed and random input.
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using StageControl.Core.Security;
using StageControl.Tests.Shared;

namespace StageControl.Core.Tests.Security;

public sealed class TokenAuthorityTests
{
    private static readonly byte[] Secret = Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray();

    [Theory]
    [InlineData(AccessRole.Technician, null)]
    [InlineData(AccessRole.Operator, "dop")]
    [InlineData(AccessRole.Collaborator, "remote.site.b")]
    [InlineData(AccessRole.Node, "node-1")]
    [InlineData(AccessRole.Peer, "stage-berlin")]
    public void Verify_IssuedToken_ValidWithItsClaims(AccessRole role, string? subject)
    {
        // Arrange
        var time = new FakeTimeProvider();
        var authority = new TokenAuthority(Secret, time);
        var (token, issued) = authority.Issue(role, TimeSpan.FromHours(8), subject);

        // Act
        var check = authority.Verify(token);

        // Assert
        Assert.True(check.IsValid, check.Describe());
        Assert.Equal(TokenFailure.None, check.Failure);
        Assert.Equal(issued, check.Token);
        Assert.Equal(role, check.Token!.Role);
        Assert.Equal(subject, check.Token.Subject);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromHours(8), check.Token.ExpiresUtc);
    }

    [Fact]
    public void Issue_Twice_DifferentTokens()
    {
        // Arrange
        var authority = new TokenAuthority(Secret, new FakeTimeProvider());

        // Act
        var first = authority.Issue(AccessRole.Operator, TimeSpan.FromHours(1)).Token;
        var second = authority.Issue(AccessRole.Operator, TimeSpan.FromHours(1)).Token;

        // Assert
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Verify_EveryCharacterChanged_Refused()
    {
        // Arrange
        var authority = new TokenAuthority(Secret, new FakeTimeProvider());
        var token = authority.Issue(AccessRole.Operator, TimeSpan.FromHours(8), "dop").Token;

        // Act / Assert: each character flipped in its low bit, and swapped for another base64url character (which
        // also touches the spare bits of the last character of each half).
        for (var i = 0; i < token.Length; i++)
        {
            foreach (var replacement in new[] { (char)(token[i] ^ 1), token[i] == 'A' ? 'B' : 'A', token[i] == 'B' ? 'C' : 'B' })
            {
                var tampered = token[..i] + replacement + token[(i + 1)..];
                var check = authority.Verify(tampered);
                Assert.False(check.IsValid, $"accepted with character {i} changed to '{replacement}'");
                Assert.Null(check.Token);
            }
        }
    }

    [Fact]
    public void Verify_EveryByteOfTheSignatureFlipped_BadSignature()
    {
        // Arrange
        var authority = new TokenAuthority(Secret, new FakeTimeProvider());
        var token = authority.Issue(AccessRole.Node, TimeSpan.FromHours(8), "node-1").Token;
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));

        // Act / Assert
        for (var i = 0; i < mac.Length; i++)
        {
            var flipped = (byte[])mac.Clone();
            flipped[i] ^= 0x80;
            var check = authority.Verify(token[..(dot + 1)] + Base64Url.EncodeToString(flipped));
            Assert.Equal(TokenFailure.BadSignature, check.Failure);
        }
    }

    [Fact]
    public void Verify_PastExpiryPlusSkew_ExpiredNamingTheTime()
    {
        // Arrange
        var time = new FakeTimeProvider();
        var authority = new TokenAuthority(Secret, time) { ClockSkew = TimeSpan.FromSeconds(30) };
        var token = authority.Issue(AccessRole.Operator, TimeSpan.FromHours(8)).Token;

        // Act
        time.Advance(TimeSpan.FromHours(8) + TimeSpan.FromSeconds(30));
        var atSkew = authority.Verify(token);
        time.Advance(TimeSpan.FromSeconds(1));
        var pastSkew = authority.Verify(token);

        // Assert
        Assert.True(atSkew.IsValid);
        Assert.Equal(TokenFailure.Expired, pastSkew.Failure);
        Assert.False(pastSkew.IsValid);
        Assert.Equal("expired", pastSkew.ReasonTag);
        Assert.Equal("token expired at 2025-01-01T08:00:00Z", pastSkew.Describe());
    }

    [Fact]
    public void Verify_OtherSecret_BadSignature()
    {
        // Arrange
        var issuer = new TokenAuthority(Secret, new FakeTimeProvider());
        var other = new TokenAuthority(Secret.Select(b => (byte)(b + 1)).ToArray(), new FakeTimeProvider());
        var token = issuer.Issue(AccessRole.Technician, TimeSpan.FromHours(1)).Token;

        // Act
        var check = other.Verify(token);

        // Assert
        Assert.Equal(TokenFailure.BadSignature, check.Failure);
        Assert.Equal("bad_signature", check.ReasonTag);
    }

    [Fact]
    public void Verify_SignedButUnknownRole_UnknownRole()
    {
        // Arrange: a token from a build with a role this one lacks, signed with the right secret.
        var authority = new TokenAuthority(Secret, new FakeTimeProvider());
        var token = Sign("director.1900000000.AAAAAAAAAAAAAAAA.", Secret);

        // Act
        var check = authority.Verify(token);

        // Assert
        Assert.Equal(TokenFailure.UnknownRole, check.Failure);
        Assert.Contains("unknown role", check.Describe(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("operator.1900000000.AAAAAAAAAAAAAAAA")] // three fields
    [InlineData("operator.soon.AAAAAAAAAAAAAAAA.")] // expiry not a number
    [InlineData("operator.-5.AAAAAAAAAAAAAAAA.")] // signed expiry
    [InlineData("operator.1900000000..")] // empty nonce
    [InlineData("operator.99999999999999999.AAAAAAAAAAAAAAAA.")] // beyond DateTimeOffset
    public void Verify_SignedButBadFields_Malformed(string payload)
    {
        // Arrange
        var authority = new TokenAuthority(Secret, new FakeTimeProvider());

        // Act
        var check = authority.Verify(Sign(payload, Secret));

        // Assert
        Assert.Equal(TokenFailure.Malformed, check.Failure);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("abc.")]
    [InlineData(".abc")]
    [InlineData("abc")]
    [InlineData("ab c.def")]
    [InlineData("abc=.def")]
    [InlineData("abcde.fgh")] // 5 characters: no byte string encodes to that length
    [InlineData("Bearer abc.def")]
    public void Verify_NotAToken_Malformed(string? token)
    {
        // Arrange
        var authority = new TokenAuthority(Secret, new FakeTimeProvider());

        // Act
        var check = authority.Verify(token);

        // Assert
        Assert.Equal(TokenFailure.Malformed, check.Failure);
        Assert.Equal("malformed token", check.Describe());
    }

    [Fact]
    public void Verify_TooLong_Malformed()
    {
        // Arrange
        var authority = new TokenAuthority(Secret, new FakeTimeProvider());
        var token = new string('A', TokenAuthority.MaxTokenLength) + ".AAAA";

        // Act / Assert
        Assert.Equal(TokenFailure.Malformed, authority.Verify(token).Failure);
    }

    [Fact]
    public void Verify_RandomStrings_NeverValidNeverThrow()
    {
        // Arrange
        var authority = new TokenAuthority(Secret, new FakeTimeProvider());
        var valid = authority.Issue(AccessRole.Operator, TimeSpan.FromHours(1)).Token;

        // Act / Assert: arbitrary text, and arbitrary text spliced into a valid token.
        Prop.ForAll<string>(s => !authority.Verify(s).IsValid).QuickCheckThrowOnFailure();
        Prop.ForAll<NonNegativeInt, string>((at, s) =>
        {
            var i = at.Get % (valid.Length + 1);
            var spliced = valid[..i] + s + valid[i..];
            return string.IsNullOrEmpty(s) || !authority.Verify(spliced).IsValid;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Constructor_ShortSecret_Throws()
    {
        // Act
        var e = Assert.Throws<ArgumentException>(() => new TokenAuthority(new byte[31]));

        // Assert
        Assert.Contains("at least 32", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(367 * 24)]
    public void Issue_LifetimeOutOfRange_Throws(int hours)
    {
        // Arrange
        var authority = new TokenAuthority(Secret, new FakeTimeProvider());

        // Act / Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => authority.Issue(AccessRole.Operator, TimeSpan.FromHours(hours)));
    }

    [Fact]
    public void Issue_SubjectWithControlCharacter_Throws()
    {
        // Arrange
        var authority = new TokenAuthority(Secret, new FakeTimeProvider());

        // Act / Assert
        Assert.Throws<ArgumentException>(() => authority.Issue(AccessRole.Node, TimeSpan.FromHours(1), "node\n1"));
    }

    [Theory]
    [InlineData("technician", AccessRole.Technician)]
    [InlineData("operator", AccessRole.Operator)]
    [InlineData("collaborator", AccessRole.Collaborator)]
    [InlineData("node", AccessRole.Node)]
    [InlineData("peer", AccessRole.Peer)]
    public void AccessRoles_NameAndParse_RoundTrip(string name, AccessRole role)
    {
        // Act
        var parsed = AccessRoles.TryParse(name, out var back);

        // Assert
        Assert.True(parsed);
        Assert.Equal(role, back);
        Assert.Equal(name, AccessRoles.Name(role));
        Assert.False(AccessRoles.TryParse(name.ToUpperInvariant(), out _));
    }

    /// <summary>A token for any payload, signed the way the format says (see TokenAuthority.cs).</summary>
    private static string Sign(string payload, byte[] secret)
    {
        var payload64 = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload));
        return payload64 + "." + Base64Url.EncodeToString(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(payload64)));
    }
}
