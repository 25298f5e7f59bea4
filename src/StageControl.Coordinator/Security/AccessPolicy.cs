// Which roles may call what (shared/DESIGN.md "Roles"; issue 7 item 2). Keys are gRPC method paths ("/service/Method"),
// a whole service ("/service/*"), or HTTP resources (AccessCheck.HttpResource: "/api/..." for GET and HEAD,
// "POST /api/..." for other methods, "/api/previews/*" for every preview). An exact key wins over its service's wildcard; anything
// not in the table is for technicians only, so a new method is closed until someone opens it here.
using StageControl.Core.Security;

namespace StageControl.Coordinator.Security;

/// <summary>The coordinator's policy table: method → roles allowed, or open to anyone (health).</summary>
internal sealed class AccessPolicy
{
    private const string Technician = "technician";

    private readonly Dictionary<string, Rule> _rules = new(StringComparer.Ordinal);

    /// <summary>The coordinator's table.</summary>
    public static AccessPolicy Default { get; } = CreateDefault();

    /// <summary>Whether <paramref name="resource"/> needs no token at all.</summary>
    public bool IsOpen(string resource) => Find(resource).Open;

    /// <summary>Whether <paramref name="role"/> may call <paramref name="resource"/>. Technicians may call everything.</summary>
    public bool Allows(AccessRole role, string resource)
    {
        if (role == AccessRole.Technician)
        {
            return true;
        }

        var rule = Find(resource);
        return rule.Open || (rule.Roles & Bit(role)) != 0;
    }

    /// <summary>The roles allowed on <paramref name="resource"/>, for messages: <c>technician, operator</c>.</summary>
    public string Describe(string resource)
    {
        var rule = Find(resource);
        if (rule.Open)
        {
            return "anyone";
        }

        var names = new List<string> { Technician };
        foreach (var role in AccessRoles.All)
        {
            if (role != AccessRole.Technician && (rule.Roles & Bit(role)) != 0)
            {
                names.Add(AccessRoles.Name(role));
            }
        }

        return string.Join(", ", names);
    }

    private static AccessPolicy CreateDefault()
    {
        var policy = new AccessPolicy();
        const AccessRole O = AccessRole.Operator, C = AccessRole.Collaborator, N = AccessRole.Node, P = AccessRole.Peer;

        // Monitoring: health stays open (load balancers and probes carry no token).
        policy.Open("/grpc.health.v1.Health/*");

        // Viewing: status for everyone but nodes; stage and tracking for the people on the stage.
        policy.Allow("/stagecontrol.v1.StatusService/GetStatus", O, C, P);
        policy.Allow("/stagecontrol.v1.StatusService/WatchStatus", O, C, P);
        policy.Allow("/api/status", O, C, P);
        policy.Allow("/api/stage", O, C);
        policy.Allow("/api/previews/*", O, C);
        policy.Allow("/stagecontrol.v1.StageService/GetStage", O, C);
        policy.Allow("/stagecontrol.v1.TrackingService/StreamCameras", O, C);
        policy.Allow("/stagecontrol.v1.TrackingService/ListSources", O, C);

        // Live controls: operators steer (active camera, overscan, delay, freeze); collaborators only look.
        policy.Allow("/stagecontrol.v1.OperatorService/GetControls", O, C);
        policy.Allow("/stagecontrol.v1.OperatorService/SetControls", O);
        policy.Allow("/api/operator", O, C);
        policy.Allow("POST /api/operator", O);

        // Collaborators' own virtual camera and annotations (the store lets each change only its own); operators too.
        policy.Allow("/stagecontrol.v1.CollaboratorService/*", O, C);
        policy.Allow("/api/annotations", O, C, P);

        // Calibration (registration, tracking delay, filter; CalibrationService): technicians only, reading included.
        policy.Allow("/stagecontrol.v1.CalibrationService/*");

        // Render nodes join; linked coordinators federate.
        policy.Allow("/stagecontrol.v1.NodeSession/*", N);
        policy.Allow("/stagecontrol.v1.Federation/*", P);
        return policy;
    }

    private static int Bit(AccessRole role) => 1 << (int)role;

    private void Open(string key) => _rules[key] = new Rule(0, true);

    private void Allow(string key, params AccessRole[] roles)
    {
        var bits = 0;
        foreach (var role in roles)
        {
            bits |= Bit(role);
        }

        _rules[key] = new Rule(bits, false);
    }

    private Rule Find(string resource)
    {
        if (_rules.TryGetValue(resource, out var exact))
        {
            return exact;
        }

        // "/service/Method" → "/service/*".
        var slash = resource.LastIndexOf('/');
        if (slash > 0 && _rules.TryGetValue(string.Concat(resource.AsSpan(0, slash + 1), "*"), out var service))
        {
            return service;
        }

        return default;
    }

    private readonly record struct Rule(int Roles, bool Open);
}
