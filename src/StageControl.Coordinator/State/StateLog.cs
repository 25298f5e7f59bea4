using Microsoft.Extensions.Logging;

namespace StageControl.Coordinator.State;

/// <summary>Log lines of the state store (source-generated).</summary>
internal static partial class StateLog
{
    [LoggerMessage(EventId = 800, Level = LogLevel.Warning, Message = "state: {Text}")]
    public static partial void Warn(ILogger logger, string text);

    [LoggerMessage(EventId = 801, Level = LogLevel.Error, Message = "state: {Text}")]
    public static partial void WriteFailed(ILogger logger, string text);
}
