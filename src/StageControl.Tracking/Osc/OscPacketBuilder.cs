using System.Text;

namespace StageControl.Tracking.Osc;

/// <summary>Handler that materialises an <see cref="OscPacket"/> (convenience path; allocates).</summary>
internal readonly struct OscPacketBuilder(OscPacketBuilder.State state) : IOscHandler
{
    public OscPacket? Result => state.Result;

    public void OnBundleStart(OscTimeTag timeTag) => state.Bundles.Push((timeTag, new List<OscPacket>()));

    public void OnBundleEnd()
    {
        var (timeTag, elements) = state.Bundles.Pop();
        Complete(new OscBundle(timeTag, elements));
    }

    public void OnMessageStart(ReadOnlySpan<byte> address, ReadOnlySpan<byte> typeTags)
    {
        state.Address = Encoding.UTF8.GetString(address);
        state.TypeTags = Encoding.UTF8.GetString(typeTags);
        state.Arguments.Clear();
        state.Arguments.Push([]);
    }

    public void OnMessageEnd()
    {
        var arguments = state.Arguments.Pop();
        Complete(new OscMessage(state.Address, state.TypeTags, arguments));
    }

    public void OnInt32(int value) => Add('i', value);

    public void OnInt64(long value) => Add('h', value);

    public void OnFloat32(float value) => Add('f', value);

    public void OnFloat64(double value) => Add('d', value);

    public void OnString(ReadOnlySpan<byte> value, bool isSymbol) => Add(isSymbol ? 'S' : 's', Encoding.UTF8.GetString(value));

    public void OnBlob(ReadOnlySpan<byte> value) => Add('b', value.ToArray());

    public void OnChar(int value) => Add('c', value);

    public void OnTimeTag(OscTimeTag value) => Add('t', value);

    public void OnRgba(uint value) => Add('r', value);

    public void OnMidi(OscMidi value) => Add('m', value);

    public void OnBoolean(bool value) => Add(value ? 'T' : 'F', value);

    public void OnNil() => Add('N', null);

    public void OnInfinitum() => Add('I', null);

    public void OnArrayStart() => state.Arguments.Push([]);

    public void OnArrayEnd()
    {
        var items = state.Arguments.Pop();
        Add('[', items);
    }

    private void Add(char tag, object? value) => state.Arguments.Peek().Add(new OscArgument(tag, value));

    private void Complete(OscPacket packet)
    {
        if (state.Bundles.Count > 0)
        {
            state.Bundles.Peek().Elements.Add(packet);
        }
        else
        {
            state.Result = packet;
        }
    }

    /// <summary>The builder's mutable state (the struct handler is passed by ref but stays a thin wrapper).</summary>
    internal sealed class State
    {
        public Stack<(OscTimeTag TimeTag, List<OscPacket> Elements)> Bundles { get; } = new();

        public Stack<List<OscArgument>> Arguments { get; } = new();

        public string Address { get; set; } = string.Empty;

        public string TypeTags { get; set; } = string.Empty;

        public OscPacket? Result { get; set; }
    }
}
