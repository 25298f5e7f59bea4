namespace StageControl.Tracking.Ingest;

/// <summary>Receives each decoded sample on the ingest's reader loop. Must not block and should not allocate.</summary>
public interface ISampleSink
{
    /// <summary>A sample decoded from a datagram of the source in slot <paramref name="sourceIndex"/>.</summary>
    void OnSample(in TrackingSample sample, int sourceIndex);
}
