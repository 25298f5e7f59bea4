namespace StageControl.Coordinator.Collaboration;

/// <summary>Who is calling the collaborator service: the token's subject (or its role name when it has none; "local"
/// when tokens are off), and whether it may act on other people's things (technicians, and everyone when tokens are
/// off).</summary>
internal readonly record struct Collaborator(string Subject, bool MayActForOthers);
