using Microsoft.Extensions.Logging;

namespace StageControl.Coordinator.Security;

/// <summary>Log messages of the access check.</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "refused {Resource} from {Peer}: {Reason}")]
    public static partial void Refused(ILogger logger, string resource, string peer, string reason);
}
