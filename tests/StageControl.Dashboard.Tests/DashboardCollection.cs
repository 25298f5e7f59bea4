namespace StageControl.Dashboard.Tests;

/// <summary>Every test shares one <see cref="DashboardStage"/> (and the browser tests one Chromium) and runs one at a time (they change the operator state).</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardStage>, ICollectionFixture<ChromiumBrowser>
{
    public const string Name = "dashboard";
}
