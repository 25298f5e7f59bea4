namespace StageControl.Core.Stage;

/// <summary>The panels a render node sends through one processor output.</summary>
/// <param name="ProcessorId">Processor id.</param>
/// <param name="Output">1-based output number on that processor.</param>
/// <param name="Panels">Panel ids, in the order the config lists them.</param>
public sealed record NodeOutput(string ProcessorId, int Output, IReadOnlyList<string> Panels);
