namespace StageControl.Coordinator.State;

/// <summary>A state file that cannot be used: where in it (a JSONPath) and what is wrong.</summary>
internal sealed class StateFileException : Exception
{
    /// <summary>A problem at <paramref name="jsonPath"/>.</summary>
    public StateFileException(string jsonPath, string problem)
        : base($"{jsonPath}: {problem}")
    {
        JsonPath = jsonPath;
        Problem = problem;
    }

    /// <summary>Creates an empty instance.</summary>
    public StateFileException()
    {
        JsonPath = "$";
        Problem = string.Empty;
    }

    /// <summary>Creates an instance with a message.</summary>
    public StateFileException(string message)
        : base(message)
    {
        JsonPath = "$";
        Problem = message;
    }

    /// <summary>Creates an instance with a message and a cause.</summary>
    public StateFileException(string message, Exception inner)
        : base(message, inner)
    {
        JsonPath = "$";
        Problem = message;
    }

    /// <summary>Where, as a JSONPath (<c>$.cameras['A-cam'].registration.rotation[1][2]</c>).</summary>
    public string JsonPath { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }
}
