// The one thread that owns a GL context (shared/notes/gl-headless.md §5 item 5): GL must never be called from async
// continuations, which may resume on any pool thread.
using System.Collections.Concurrent;

namespace StageControl.Render;

/// <summary>
/// A dedicated, long-lived thread that runs work items in order. Callers await results; their continuations never
/// run on this thread (task sources use <see cref="TaskCreationOptions.RunContinuationsAsynchronously"/>).
/// An exception thrown by a work item faults that item's task only; the thread goes on.
/// </summary>
internal sealed class RenderThread : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new(new ConcurrentQueue<Action>());
    private readonly Thread _thread;
    private int _disposed;

    /// <summary>Starts the thread.</summary>
    public RenderThread(string name)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>True when called on this render thread.</summary>
    public bool IsCurrent => Environment.CurrentManagedThreadId == _thread.ManagedThreadId;

    /// <summary>Queues <paramref name="work"/> and completes with its result on a pool thread.</summary>
    public Task<T> InvokeAsync<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var source = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try
            {
                source.TrySetResult(work());
            }
            catch (Exception e)
            {
                source.TrySetException(e);
            }
        });
        return source.Task;
    }

    /// <summary>Runs <paramref name="work"/> on the render thread and blocks until it returns (inline when already on it).</summary>
    public T Invoke<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (IsCurrent)
        {
            return work();
        }

        return InvokeAsync(work).GetAwaiter().GetResult();
    }

    private void Post(Action action)
    {
        try
        {
            _queue.Add(action);
        }
        catch (InvalidOperationException e)
        {
            throw new ObjectDisposedException(nameof(RenderThread), e);
        }
    }

    private void Run()
    {
        foreach (var action in _queue.GetConsumingEnumerable())
        {
            action();
        }
    }

    /// <summary>Lets queued work finish, then ends the thread (waits for it unless called on it).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.CompleteAdding();
        if (!IsCurrent)
        {
            // The queue is disposed only once its consumer has ended.
            _thread.Join();
            _queue.Dispose();
        }
    }
}
