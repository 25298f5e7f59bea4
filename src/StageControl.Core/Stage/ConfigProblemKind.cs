namespace StageControl.Core.Stage;

/// <summary>What kind of problem a stage config has. Each kind has its own test
/// (tests/StageControl.Core.Tests/Stage/StageConfigProblemTests.cs).</summary>
public enum ConfigProblemKind
{
    /// <summary>The file is not JSON; <see cref="ConfigProblem.Line"/> and <see cref="ConfigProblem.Column"/> say where.</summary>
    MalformedJson,

    /// <summary>The file cannot be read (missing, a folder, no permission).</summary>
    FileNotReadable,

    /// <summary>A required field is absent.</summary>
    MissingField,

    /// <summary>A field holds the wrong JSON type (a string where a number belongs, …).</summary>
    WrongType,

    /// <summary>A field holds a value outside its allowed range or format.</summary>
    InvalidValue,

    /// <summary>A field the format does not define (usually a typo).</summary>
    UnknownField,

    /// <summary>Two panel types, walls, processors, nodes or cameras share an id.</summary>
    DuplicateId,

    /// <summary>A wall names a panel type that <c>panelTypes</c> does not define.</summary>
    UnknownPanelType,

    /// <summary>Corner points that do not form a rectangle of the panel size times columns × rows.</summary>
    NotRectangular,

    /// <summary>Two panels overlap in space: coplanar overlap or intersecting surfaces.</summary>
    OverlappingPanels,

    /// <summary>A node drives a panel, wall, column or row that does not exist.</summary>
    UnknownPanel,

    /// <summary>A panel that no node drives.</summary>
    UndrivenPanel,

    /// <summary>A panel driven by two nodes, or twice by one.</summary>
    PanelDrivenTwice,

    /// <summary>A node output names a processor that <c>processors</c> does not define.</summary>
    UnknownProcessor,

    /// <summary>A node output names an output number its processor does not have.</summary>
    UnknownOutput,

    /// <summary>The panels on one processor output hold more pixels than the output can carry.</summary>
    OutputOverCapacity,

    /// <summary>The panels on one processor hold more pixels than the processor can process.</summary>
    ProcessorOverCapacity,

    /// <summary>The frame rate is not NUM/DEN with positive terms, or is out of range.</summary>
    BadFrameRate,

    /// <summary>A camera's sensor or lens values are not physical (zero, negative, absurdly large).</summary>
    BadCamera,
}
