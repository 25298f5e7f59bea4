using StageControl.Coordinator.Collaboration;
using StageControl.Coordinator.Hosting;
using StageControl.Coordinator.Security;
using StageControl.Core.Security;
using StageControl.Protos.V1;
using StageControl.Rpc;

namespace StageControl.Coordinator.Services;

/// <summary>stagecontrol.v1.CollaboratorService: the caller's own virtual camera and annotations. Who is calling comes
/// from the token the access check left on the call (<see cref="AccessCheck.TokenKey"/>); the policy table decides which
/// roles get here at all.</summary>
internal sealed class CollaboratorServiceImpl(CoordinatorRuntime runtime) : CollaboratorService.CollaboratorServiceBase
{
    /// <summary>The subject used when the coordinator checks no tokens.</summary>
    public const string LocalSubject = "local";

    /// <inheritdoc/>
    public override Task<CameraState> SetVirtualCamera(SetVirtualCameraRequest request, ServerCallContext context) =>
        Task.FromResult(runtime.Collaborators.SetCamera(CallerOf(context), request, runtime.Clock.Time.GetTimestamp()));

    /// <inheritdoc/>
    public override Task<ClearVirtualCameraReply> ClearVirtualCamera(ClearVirtualCameraRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(new ClearVirtualCameraReply { Removed = runtime.Collaborators.ClearCamera(CallerOf(context), request.Owner) });
    }

    /// <inheritdoc/>
    public override Task<Annotation> AddAnnotation(AddAnnotationRequest request, ServerCallContext context) =>
        Task.FromResult(runtime.Collaborators.Add(CallerOf(context), request, runtime.Clock.UnixNow()));

    /// <inheritdoc/>
    public override Task<RemoveAnnotationReply> RemoveAnnotation(RemoveAnnotationRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        runtime.Collaborators.Remove(CallerOf(context), request.Id);
        return Task.FromResult(new RemoveAnnotationReply());
    }

    /// <inheritdoc/>
    public override Task<AnnotationList> ListAnnotations(ListAnnotationsRequest request, ServerCallContext context) =>
        Task.FromResult(runtime.Collaborators.Annotations);

    /// <inheritdoc/>
    public override async Task WatchAnnotations(WatchAnnotationsRequest request, IServerStreamWriter<AnnotationList> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        using var call = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, runtime.Stopping);
        var store = runtime.Collaborators;
        try
        {
            while (true)
            {
                // The signal is taken before the list is read, so a change in between is never missed; changes made
                // while a write is under way fold into the next snapshot (latest wins).
                var changed = store.AnnotationsChanged;
                await responseStream.WriteAsync(store.Annotations);
                await changed.WaitAsync(call.Token);
            }
        }
        catch (OperationCanceledException) when (runtime.Stopping.IsCancellationRequested)
        {
            // The coordinator is stopping: end the stream with OK.
        }
    }

    /// <summary>The caller: the token's subject (its role name when unbound), technicians acting for anyone; without
    /// tokens, <see cref="LocalSubject"/> acting for anyone.</summary>
    internal static Collaborator CallerOf(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.UserState.TryGetValue(AccessCheck.TokenKey, out var value) && value is AccessToken token)
        {
            var subject = string.IsNullOrEmpty(token.Subject) ? AccessRoles.Name(token.Role) : token.Subject;
            return new Collaborator(subject, token.Role == AccessRole.Technician);
        }

        return new Collaborator(LocalSubject, true);
    }
}
