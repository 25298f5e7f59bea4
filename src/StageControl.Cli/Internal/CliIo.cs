using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace StageControl.Cli.Internal;

/// <summary>
/// The streams a command writes to, and the one place that turns command failures into exit codes:
/// <see cref="CliInputException"/> → 1, <see cref="CliUsageException"/> → 2, and any I/O or format failure
/// → 1 with its message (never a stack trace).
/// </summary>
internal sealed class CliIo(TextWriter stdout, TextWriter stderr)
{
    private static readonly JsonSerializerOptions Compact = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; } = stdout;

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; } = stderr;

    /// <summary>Writes one JSON object on one line (the <c>--json</c> contract).</summary>
    public void WriteJson(JsonNode node) => Out.WriteLine(node.ToJsonString(Compact));

    /// <summary>A plain Spectre console on <see cref="Out"/> for static tables (stage, status, calibrate): no ANSI, no
    /// colours, not interactive, and 140 columns wide when the output is not a terminal (redirected output and tests see
    /// whole rows).</summary>
    public IAnsiConsole CreateTableConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!ReferenceEquals(Out, Console.Out) || Console.IsOutputRedirected)
        {
            console.Profile.Width = 140;
        }

        return console;
    }

    /// <summary>Sets <paramref name="action"/> on <paramref name="command"/> with the exit-code mapping.</summary>
    public void SetAction(Command command, Func<ParseResult, int> action)
    {
        command.SetAction(parse =>
        {
            try
            {
                return action(parse);
            }
            catch (CliInputException e)
            {
                Error.WriteLine($"{command.Name}: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (CliUsageException e)
            {
                Error.WriteLine($"{command.Name}: {e.Message}");
                return ExitCodes.Usage;
            }
            catch (IOException e)
            {
                Error.WriteLine($"{command.Name}: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (UnauthorizedAccessException e)
            {
                Error.WriteLine($"{command.Name}: {e.Message}");
                return ExitCodes.BadInput;
            }
        });
    }
}
