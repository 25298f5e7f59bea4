namespace StageControl.Core.Stage;

/// <summary>A render node and the panels it drives, directly (<c>panels</c>) or through processor outputs
/// (<c>outputs</c>).</summary>
/// <param name="Name">Node name (unique), the name the node joins with.</param>
/// <param name="Panels">Every panel id the node drives: direct panels first, then each output's panels.</param>
/// <param name="Outputs">Processor outputs the node feeds.</param>
public sealed record RenderNode(string Name, IReadOnlyList<string> Panels, IReadOnlyList<NodeOutput> Outputs);
