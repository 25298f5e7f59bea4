using StageControl.Coordinator.Frames;
using StageControl.Core.Stage;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Coordinator.Registry;

/// <summary>
/// The render nodes of the stage config and their sessions. A node joins by name and gets its
/// <see cref="Assignment"/>: its panels with corners and pixel size, outputs, rate, epoch, the first frame it takes part
/// in (the next frame boundary), barrier timeout, K, camera names. Refusals are RPC statuses (node.proto): an unknown
/// name → NOT_FOUND naming the known ones, a name held by a live session → ALREADY_EXISTS. A node whose stream ended
/// may join again with the same name and re-enters the barrier at the next boundary with the same assignment.
/// </summary>
internal sealed class NodeRegistry
{
    private readonly Lock _gate = new();
    private readonly NodeEntry[] _nodes;
    private readonly FrameBarrier _barrier;
    private readonly CoordinatorClock _clock;
    private readonly string _knownNames;

    /// <summary>A registry for the config's nodes.</summary>
    public NodeRegistry(StageConfig config, FrameBarrier barrier, CoordinatorClock clock, TimeSpan barrierTimeout, int maxConsecutiveMisses)
    {
        ArgumentNullException.ThrowIfNull(config);
        _barrier = barrier;
        _clock = clock;
        _nodes = new NodeEntry[config.Nodes.Count];
        var cameras = new List<string>(config.Cameras.Count);
        foreach (var camera in config.Cameras)
        {
            cameras.Add(camera.Name);
        }

        for (var i = 0; i < _nodes.Length; i++)
        {
            var node = config.Nodes[i];
            var template = new Assignment
            {
                Node = node.Name,
                StageName = config.Name,
                Rate = ProtoMapping.ToProto(config.FrameRate),
                BarrierTimeoutUs = (long)barrierTimeout.TotalMicroseconds,
                MaxConsecutiveMisses = maxConsecutiveMisses,
            };
            var panels = config.PanelsOf(node.Name);
            foreach (var panel in panels)
            {
                template.Panels.Add(ProtoMapping.ToProto(panel, node.Name));
            }

            foreach (var output in node.Outputs)
            {
                template.Outputs.Add(ProtoMapping.OutputName(output));
            }

            template.Cameras.Add(cameras);
            _nodes[i] = new NodeEntry(i, node.Name, template, panels.Count);
        }

        var names = new string[_nodes.Length];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = _nodes[i].Name;
        }

        _knownNames = names.Length == 0 ? "(none)" : string.Join(", ", names);
    }

    /// <summary>Raised when a node joins (entry, its first frame) and leaves (entry, −1); on the session's thread.</summary>
    public event Action<NodeEntry, long>? Membership;

    /// <summary>Every node, in config order.</summary>
    public IReadOnlyList<NodeEntry> Nodes => _nodes;

    /// <summary>The barrier the nodes take part in.</summary>
    public FrameBarrier Barrier => _barrier;

    /// <summary>The entry named <paramref name="name"/>, or null.</summary>
    public NodeEntry? Find(string name)
    {
        foreach (var node in _nodes)
        {
            if (string.Equals(node.Name, name, StringComparison.Ordinal))
            {
                return node;
            }
        }

        return null;
    }

    /// <summary>
    /// Admits <paramref name="connection"/> as node <paramref name="join"/>.name and returns its assignment (first frame
    /// = the next frame boundary). Throws <see cref="RpcException"/> NOT_FOUND / ALREADY_EXISTS / INVALID_ARGUMENT.
    /// </summary>
    public Assignment Join(Join join, NodeConnection connection, out NodeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(join);
        if (string.IsNullOrEmpty(join.Name))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"join.name is empty; the stage's nodes are {_knownNames}"));
        }

        entry = Find(join.Name)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"unknown node '{join.Name}'; the stage's nodes are {_knownNames}"));
        long firstFrame;
        lock (_gate)
        {
            if (entry.Connection is not null)
            {
                throw new RpcException(new Status(StatusCode.AlreadyExists, $"node '{join.Name}' is already connected from {entry.Peer}"));
            }

            entry.Connection = connection;
            entry.Sessions++;
            entry.LastJoin = join;
            entry.Peer = connection.Peer;
            entry.LastSeenTimestamp = _clock.Time.GetTimestamp();
            firstFrame = _clock.NextFrame();
            _barrier.Join(entry.Index, firstFrame);
        }

        var assignment = entry.Template.Clone();
        assignment.EpochUnixNs = _clock.Frames.EpochNs;
        assignment.FirstFrame = firstFrame;
        Membership?.Invoke(entry, firstFrame);
        return assignment;
    }

    /// <summary>Ends <paramref name="connection"/>'s hold on <paramref name="entry"/> (its stream ended).</summary>
    public void Leave(NodeEntry entry, NodeConnection connection)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(entry.Connection, connection))
            {
                return;
            }

            entry.CuesDroppedBefore += connection.Outbound.CuesDropped;
            entry.Connection = null;
            _barrier.Leave(entry.Index);
        }

        Membership?.Invoke(entry, -1);
    }
}
