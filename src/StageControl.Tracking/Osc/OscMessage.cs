namespace StageControl.Tracking.Osc;

/// <summary>A materialised OSC message.</summary>
/// <param name="address">The address pattern, e.g. <c>/camera/1/pose</c>.</param>
/// <param name="typeTags">The type tag string as sent, with its leading comma (empty when the sender omitted it).</param>
/// <param name="arguments">The arguments in order; arrays are nested <see cref="OscArgument"/> lists.</param>
public sealed class OscMessage(string address, string typeTags, IReadOnlyList<OscArgument> arguments) : OscPacket
{
    /// <summary>The address pattern.</summary>
    public string Address { get; } = address;

    /// <summary>The type tag string as sent (leading comma included).</summary>
    public string TypeTags { get; } = typeTags;

    /// <summary>The arguments.</summary>
    public IReadOnlyList<OscArgument> Arguments { get; } = arguments;

    /// <summary>Builds a message whose type tag string is derived from <paramref name="arguments"/>.</summary>
    public static OscMessage Create(string address, IReadOnlyList<OscArgument> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var tags = new System.Text.StringBuilder(",");
        AppendTags(arguments, tags);
        return new OscMessage(address, tags.ToString(), arguments);
    }

    private static void AppendTags(IReadOnlyList<OscArgument> arguments, System.Text.StringBuilder tags)
    {
        foreach (var argument in arguments)
        {
            tags.Append(argument.Tag);
            if (argument.Tag == '[')
            {
                AppendTags((IReadOnlyList<OscArgument>)argument.Value!, tags);
                tags.Append(']');
            }
        }
    }
}
