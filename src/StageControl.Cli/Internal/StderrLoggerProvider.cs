// Turns the coordinator's warnings (access refusals with the peer address) into stderr lines of `stagectl coordinator`.
using Microsoft.Extensions.Logging;

namespace StageControl.Cli.Internal;

/// <summary>A logger provider writing <c>PREFIX: warning: message</c> lines to a writer, for StageControl categories
/// at warning and above only (Kestrel's own chatter stays out).</summary>
internal sealed class StderrLoggerProvider(TextWriter writer, string prefix, Lock gate) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new LineLogger(this, categoryName.StartsWith("StageControl", StringComparison.Ordinal));

    public void Dispose()
    {
    }

    private void Write(LogLevel level, string message)
    {
        lock (gate)
        {
            writer.WriteLine($"{prefix}: {(level >= LogLevel.Error ? "error" : "warning")}: {message}");
            writer.Flush();
        }
    }

    private sealed class LineLogger(StderrLoggerProvider provider, bool ours) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => ours && logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(logLevel, formatter(state, exception));
            }
        }
    }
}
