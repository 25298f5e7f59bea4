namespace StageControl.Tracking.Osc;

/// <summary>
/// One materialised OSC argument. <see cref="Value"/> by tag: <c>i</c> int, <c>h</c> long, <c>f</c> float,
/// <c>d</c> double, <c>s</c>/<c>S</c> string, <c>c</c> int (the 32-bit character), <c>b</c> byte[],
/// <c>t</c> <see cref="OscTimeTag"/>, <c>r</c> uint, <c>m</c> <see cref="OscMidi"/>, <c>T</c>/<c>F</c> bool,
/// <c>N</c>/<c>I</c> null, <c>[</c> <see cref="IReadOnlyList{T}"/> of <see cref="OscArgument"/>.
/// </summary>
/// <param name="Tag">The type tag character (<c>[</c> for an array).</param>
/// <param name="Value">The value, typed as listed above.</param>
public readonly record struct OscArgument(char Tag, object? Value);
