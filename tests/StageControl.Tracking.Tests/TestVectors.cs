// Reads the copied shared/data vector files (TestData/PROVENANCE.md) by name.
using System.Text.RegularExpressions;

namespace StageControl.Tracking.Tests;

internal static class TestVectors
{
    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    /// <summary>freed_d1_vectors.txt: the packet of "<paramref name="key"/>.hex = …".</summary>
    public static byte[] FreeD(string key)
    {
        var match = Regex.Match(Text("freed_d1_vectors.txt"), "^" + Regex.Escape(key) + @"\.hex = ([0-9a-f]+)", RegexOptions.Multiline);
        Assert.True(match.Success, key);
        return Convert.FromHexString(match.Groups[1].Value);
    }

    /// <summary>osc_vectors.txt: the "hex=" line under "### <paramref name="name"/>".</summary>
    public static byte[] Osc(string name)
    {
        var match = Regex.Match(Text("osc_vectors.txt"), "^### " + Regex.Escape(name) + @"\s*$[\s\S]*?^hex=([0-9a-f]+)", RegexOptions.Multiline);
        Assert.True(match.Success, name);
        return Convert.FromHexString(match.Groups[1].Value);
    }

    /// <summary>osc_vectors.txt: the "# raw" and "# slip" lines under "### <paramref name="name"/>".</summary>
    public static (byte[] Raw, byte[] Slip) OscSlip(string name)
    {
        var match = Regex.Match(
            Text("osc_vectors.txt"),
            "^### " + Regex.Escape(name) + @"\s*$\s*^# raw\s+\(\d+ bytes\) = ([0-9a-f]+)\s*$\s*^# slip\s+\(\d+ bytes\) = ([0-9a-f]+)",
            RegexOptions.Multiline);
        Assert.True(match.Success, name);
        return (Convert.FromHexString(match.Groups[1].Value), Convert.FromHexString(match.Groups[2].Value));
    }
}
