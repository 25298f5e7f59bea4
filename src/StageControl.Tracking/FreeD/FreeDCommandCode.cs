namespace StageControl.Tracking.FreeD;

/// <summary>D0 command bytes (Vinten manual v1.4.4, App. A.3.1). Unlisted values are kept as they are.</summary>
public enum FreeDCommandCode : byte
{
    /// <summary>Stop stream mode.</summary>
    StopStream = 0x00,

    /// <summary>Start stream mode.</summary>
    StartStream = 0x01,

    /// <summary>Stop freeze mode.</summary>
    StopFreeze = 0x02,

    /// <summary>Start freeze mode.</summary>
    StartFreeze = 0x03,

    /// <summary>Poll position (answered with one D1; also stops streaming).</summary>
    PollPosition = 0xD1,

    /// <summary>Request system status (D2).</summary>
    SystemStatus = 0xD2,

    /// <summary>Request system parameters (D3).</summary>
    SystemParameters = 0xD3,

    /// <summary>First target (D4).</summary>
    FirstTarget = 0xD4,

    /// <summary>Next target (D5).</summary>
    NextTarget = 0xD5,

    /// <summary>First image point (D6).</summary>
    FirstImagePoint = 0xD6,

    /// <summary>Next image point (D7).</summary>
    NextImagePoint = 0xD7,

    /// <summary>Next EEPROM data (D8).</summary>
    NextEepromData = 0xD8,

    /// <summary>Camera calibration values (DA).</summary>
    CameraCalibration = 0xDA,

    /// <summary>Diagnostic mode (DB).</summary>
    DiagnosticMode = 0xDB,
}
