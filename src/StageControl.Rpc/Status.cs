using System.Globalization;

namespace StageControl.Rpc;

/// <summary>The outcome of a call: a <see cref="StatusCode"/> and a human-readable detail (Grpc.Core.Status).</summary>
/// <param name="StatusCode">The status code.</param>
/// <param name="Detail">The message sent as <c>grpc-message</c>; empty when none.</param>
public readonly record struct Status(StatusCode StatusCode, string Detail)
{
    /// <summary>OK with no detail.</summary>
    public static readonly Status DefaultSuccess = new(StatusCode.OK, string.Empty);

    /// <summary>CANCELLED with no detail.</summary>
    public static readonly Status DefaultCancelled = new(StatusCode.Cancelled, string.Empty);

    /// <inheritdoc />
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"Status(StatusCode=\"{StatusCode}\", Detail=\"{Detail}\")");
}
