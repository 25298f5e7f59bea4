namespace StageControl.Core.Security;

/// <summary>Who a bearer token speaks for (shared/DESIGN.md "Roles"). The wire names are the lower-case member names
/// (<see cref="AccessRoles"/>); the numeric values are never written anywhere.</summary>
public enum AccessRole
{
    /// <summary>Everything, including calibration and stage edits.</summary>
    Technician,

    /// <summary>Live camera and frustum controls, status, stage and tracking.</summary>
    Operator,

    /// <summary>A remote collaborator: view, never change the live controls or the calibration.</summary>
    Collaborator,

    /// <summary>A render node: the node session only.</summary>
    Node,

    /// <summary>A linked remote coordinator: the federation service and status.</summary>
    Peer,
}
