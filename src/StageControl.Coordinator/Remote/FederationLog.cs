using Microsoft.Extensions.Logging;

namespace StageControl.Coordinator.Remote;

/// <summary>Federation log lines (source-generated).</summary>
internal static partial class FederationLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "federation: {Text}")]
    public static partial void Info(ILogger logger, string text);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "federation: {Text}")]
    public static partial void Warn(ILogger logger, string text);
}
