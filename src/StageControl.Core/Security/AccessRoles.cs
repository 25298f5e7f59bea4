namespace StageControl.Core.Security;

/// <summary>The wire names of <see cref="AccessRole"/> (<c>technician</c>, <c>operator</c>, <c>collaborator</c>,
/// <c>node</c>, <c>peer</c>) and their parsing.</summary>
public static class AccessRoles
{
    /// <summary>Every role, in declaration order.</summary>
    public static IReadOnlyList<AccessRole> All { get; } = [AccessRole.Technician, AccessRole.Operator, AccessRole.Collaborator, AccessRole.Node, AccessRole.Peer];

    /// <summary>The wire names, comma-separated, for messages.</summary>
    public static string NameList => "technician, operator, collaborator, node, peer";

    /// <summary>The wire name of <paramref name="role"/>.</summary>
    public static string Name(AccessRole role) => role switch
    {
        AccessRole.Technician => "technician",
        AccessRole.Operator => "operator",
        AccessRole.Collaborator => "collaborator",
        AccessRole.Node => "node",
        AccessRole.Peer => "peer",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a role"),
    };

    /// <summary>Parses a wire name (exact, lower case); false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out AccessRole role)
    {
        foreach (var candidate in All)
        {
            if (name.SequenceEqual(Name(candidate)))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }
}
