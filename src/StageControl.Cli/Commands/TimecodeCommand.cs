using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using StageControl.Cli.Internal;
using StageControl.Core.Timing;

namespace StageControl.Cli.Commands;

/// <summary>
/// <c>stagectl timecode --rate NUM/DEN [--drop] (--frame N | --timecode HH:MM:SS;FF) [--json]</c>
/// (shared/DESIGN.md "Contracts"): converts a frame count to its SMPTE label or a label to its frame count and prints
/// the other one, bare, on one line. Counts of 24 h or more wrap in the label; a label gives the count within the day.
/// With <c>--json</c>: <c>{"frame":N,"timecode":"...","rate":"NUM/DEN","dropFrame":bool}</c>.
/// Exit 2 unless exactly one of --frame / --timecode is given; exit 1 for a bad rate, count or label.
/// </summary>
internal static class TimecodeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var rate = new Option<string>("--rate")
        {
            Description = "Frame rate as NUM/DEN, e.g. 24000/1001, 25/1, 30000/1001, 60000/1001.",
            Required = true,
        };
        var drop = new Option<bool>("--drop")
        {
            Description = "Drop-frame counting (only 30000/1001 and 60000/1001); labels are written HH:MM:SS;FF.",
        };
        var frame = new Option<string>("--frame")
        {
            Description = "Frame count (≥ 0) to convert to a label; counts of 24 h or more wrap in the label.",
        };
        var timecode = new Option<string>("--timecode")
        {
            Description = "Label HH:MM:SS:FF or HH:MM:SS;FF to convert to a frame count within the day.",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of the bare value." };

        var command = new Command("timecode", "Convert between frame counts and SMPTE timecode labels.");
        command.Options.Add(rate);
        command.Options.Add(drop);
        command.Options.Add(frame);
        command.Options.Add(timecode);
        command.Options.Add(json);

        io.SetAction(command, parse =>
        {
            var frameText = parse.GetValue(frame);
            var labelText = parse.GetValue(timecode);
            if ((frameText is null) == (labelText is null))
            {
                throw new CliUsageException("give exactly one of --frame or --timecode");
            }

            if (!FrameRate.TryParse(parse.GetValue(rate), out var frameRate, out var why)
                || !TimecodeFormat.TryCreate(frameRate, parse.GetValue(drop), out var format, out why))
            {
                throw new CliInputException(why);
            }

            long count;
            string label;
            if (frameText is not null)
            {
                if (!long.TryParse(frameText.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out count))
                {
                    throw new CliInputException($"--frame '{frameText}' is not an integer frame count");
                }

                if (count < 0)
                {
                    throw new CliInputException($"--frame {count}: frame counts must be 0 or more");
                }

                label = format.Format(count);
            }
            else
            {
                if (!format.TryParseFrame(labelText, out count, out why))
                {
                    throw new CliInputException(why);
                }

                label = format.Format(count);
            }

            if (parse.GetValue(json))
            {
                io.WriteJson(new JsonObject
                {
                    ["frame"] = count,
                    ["timecode"] = label,
                    ["rate"] = frameRate.ToString(),
                    ["dropFrame"] = format.DropFrame,
                });
            }
            else
            {
                io.Out.WriteLine(frameText is not null ? label : count.ToString(CultureInfo.InvariantCulture));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
