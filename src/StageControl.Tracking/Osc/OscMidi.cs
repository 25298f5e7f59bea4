namespace StageControl.Tracking.Osc;

/// <summary>OSC <c>m</c> argument: a 4-byte MIDI message, bytes from most to least significant (OSC 1.0).</summary>
/// <param name="Port">Port id.</param>
/// <param name="Status">Status byte.</param>
/// <param name="Data1">First data byte.</param>
/// <param name="Data2">Second data byte.</param>
public readonly record struct OscMidi(byte Port, byte Status, byte Data1, byte Data2);
