// The dashboard's files (Dashboard/Site/*), embedded in the assembly so the page works offline with nothing on disk.
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace StageControl.Coordinator.Dashboard;

/// <summary>The embedded dashboard files, read once, served with an ETag and <c>Cache-Control: no-cache</c>.</summary>
internal sealed class DashboardSite
{
    private const string Prefix = "dashboard/";

    private readonly Dictionary<string, Asset> _assets;

    private DashboardSite(Dictionary<string, Asset> assets) => _assets = assets;

    /// <summary>The file names served (index.html, dashboard.js, dashboard.css).</summary>
    public IReadOnlyCollection<string> Names => _assets.Keys;

    /// <summary>Reads every embedded <c>dashboard/*</c> resource.</summary>
    public static DashboardSite Load()
    {
        var assembly = typeof(DashboardSite).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var file = name[Prefix.Length..];
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8)) + "\"";
            assets[file] = new Asset(bytes, ContentType(file), etag);
        }

        return new DashboardSite(assets);
    }

    /// <summary>Answers a GET for <paramref name="file"/> (304 when the client's copy is current).</summary>
    public IResult Serve(HttpContext http, string file)
    {
        if (!_assets.TryGetValue(file, out var asset))
        {
            return Results.NotFound();
        }

        var headers = http.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        if (string.Equals(http.Request.Headers.IfNoneMatch.ToString(), asset.ETag, StringComparison.Ordinal))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Bytes, asset.ContentType);
    }

    private static string ContentType(string file) => Path.GetExtension(file) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        _ => "application/octet-stream",
    };

    private sealed record Asset(byte[] Bytes, string ContentType, string ETag);
}
