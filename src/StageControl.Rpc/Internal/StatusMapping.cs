// Status synthesis for responses without grpc-status (grpc/grpc doc/http-grpc-status-mapping.md; grpc-wire.md §1.3).
using System.Globalization;

namespace StageControl.Rpc.Internal;

/// <summary>Maps HTTP statuses and trailer values to gRPC statuses.</summary>
internal static class StatusMapping
{
    /// <summary>The gRPC code for an HTTP status, used only when <c>grpc-status</c> is absent.</summary>
    public static StatusCode FromHttpStatus(int httpStatus) => httpStatus switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        431 => StatusCode.Internal,
        _ => StatusCode.Unknown,
    };

    /// <summary>
    /// Builds the status from <c>grpc-status</c> / <c>grpc-message</c> values. A value that is not a decimal number
    /// gives UNKNOWN (the client could not parse the status, grpc-wire.md §1.5).
    /// </summary>
    public static Status FromTrailers(string statusValue, string? messageValue)
    {
        var detail = messageValue is null ? string.Empty : PercentEncoding.Decode(messageValue);
        if (!int.TryParse(statusValue, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return new Status(StatusCode.Unknown, $"Unparsable grpc-status '{statusValue}'. {detail}".TrimEnd());
        }

        return new Status((StatusCode)code, detail);
    }

    /// <summary>The decimal wire form of a code.</summary>
    public static string ToWire(StatusCode code) => ((int)code).ToString(CultureInfo.InvariantCulture);
}
