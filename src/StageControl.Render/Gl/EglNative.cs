// Direct imports from libEGL.so.1 (glvnd, Debian package libegl1) and the EGL constants StageControl uses.
// Library name and pitfalls: shared/notes/gl-headless.md §3 and §5 items 3, 4, 6. Values are from the Khronos
// EGL registry headers (eglext.h / egl.h, https://registry.khronos.org/EGL/).
using System.Runtime.InteropServices;

namespace StageControl.Render.Gl;

/// <summary>
/// EGL entry points (blittable signatures only: EGLBoolean → uint, EGLint → int, EGLenum → uint, handles → nint,
/// strings as UTF-8 byte pointers). Extension functions (<c>eglGetPlatformDisplayEXT</c>, <c>eglQueryDevicesEXT</c>,
/// <c>eglQueryDeviceStringEXT</c>) are loaded through <see cref="GetProcAddress"/> in <see cref="EglContext"/>.
/// </summary>
internal static unsafe partial class EglNative
{
    /// <summary>The glvnd EGL library. A bare "EGL" would look for libEGL.so, which only the -dev package has.</summary>
    public const string Library = "libEGL.so.1";

    public const int False = 0;
    public const int True = 1;
    public const int None = 0x3038;
    public const int Success = 0x3000;

    // eglQueryString names.
    public const int Vendor = 0x3053;
    public const int Version = 0x3054;
    public const int Extensions = 0x3055;
    public const int ClientApis = 0x308D;

    // Platforms (EGL_EXT_platform_device, EGL_MESA_platform_surfaceless).
    public const uint PlatformDeviceExt = 0x313F;
    public const uint PlatformSurfacelessMesa = 0x31DD;

    // Device strings (EGL_EXT_device_drm).
    public const int DrmDeviceFileExt = 0x3233;

    // Config attributes.
    public const int AlphaSize = 0x3021;
    public const int BlueSize = 0x3022;
    public const int GreenSize = 0x3023;
    public const int RedSize = 0x3024;
    public const int DepthSize = 0x3025;
    public const int SurfaceType = 0x3033;
    public const int RenderableType = 0x3040;
    public const int PbufferBit = 0x0001;
    public const int OpenGlBit = 0x0008;
    public const int Width = 0x3057;
    public const int Height = 0x3056;

    // Context attributes (EGL 1.5 / EGL_KHR_create_context).
    public const uint OpenGlApi = 0x30A2;
    public const int ContextMajorVersion = 0x3098;
    public const int ContextMinorVersion = 0x30FB;
    public const int ContextOpenGlProfileMask = 0x30FD;
    public const int ContextOpenGlCoreProfileBit = 0x0001;

    [LibraryImport(Library, EntryPoint = "eglGetError")]
    public static partial int GetError();

    [LibraryImport(Library, EntryPoint = "eglGetProcAddress")]
    public static partial nint GetProcAddress(byte* name);

    [LibraryImport(Library, EntryPoint = "eglQueryString")]
    public static partial byte* QueryString(nint display, int name);

    [LibraryImport(Library, EntryPoint = "eglGetDisplay")]
    public static partial nint GetDisplay(nint nativeDisplay);

    [LibraryImport(Library, EntryPoint = "eglInitialize")]
    public static partial uint Initialize(nint display, int* major, int* minor);

    [LibraryImport(Library, EntryPoint = "eglTerminate")]
    public static partial uint Terminate(nint display);

    [LibraryImport(Library, EntryPoint = "eglBindAPI")]
    public static partial uint BindApi(uint api);

    [LibraryImport(Library, EntryPoint = "eglChooseConfig")]
    public static partial uint ChooseConfig(nint display, int* attributes, nint* configs, int configSize, int* count);

    [LibraryImport(Library, EntryPoint = "eglCreateContext")]
    public static partial nint CreateContext(nint display, nint config, nint shareContext, int* attributes);

    [LibraryImport(Library, EntryPoint = "eglDestroyContext")]
    public static partial uint DestroyContext(nint display, nint context);

    [LibraryImport(Library, EntryPoint = "eglCreatePbufferSurface")]
    public static partial nint CreatePbufferSurface(nint display, nint config, int* attributes);

    [LibraryImport(Library, EntryPoint = "eglDestroySurface")]
    public static partial uint DestroySurface(nint display, nint surface);

    [LibraryImport(Library, EntryPoint = "eglMakeCurrent")]
    public static partial uint MakeCurrent(nint display, nint draw, nint read, nint context);

    [LibraryImport(Library, EntryPoint = "eglReleaseThread")]
    public static partial uint ReleaseThread();

    /// <summary>The symbolic name of an EGL error code (egl.h).</summary>
    public static string ErrorName(int code) => code switch
    {
        0x3000 => "EGL_SUCCESS",
        0x3001 => "EGL_NOT_INITIALIZED",
        0x3002 => "EGL_BAD_ACCESS",
        0x3003 => "EGL_BAD_ALLOC",
        0x3004 => "EGL_BAD_ATTRIBUTE",
        0x3005 => "EGL_BAD_CONFIG",
        0x3006 => "EGL_BAD_CONTEXT",
        0x3007 => "EGL_BAD_CURRENT_SURFACE",
        0x3008 => "EGL_BAD_DISPLAY",
        0x3009 => "EGL_BAD_MATCH",
        0x300A => "EGL_BAD_NATIVE_PIXMAP",
        0x300B => "EGL_BAD_NATIVE_WINDOW",
        0x300C => "EGL_BAD_PARAMETER",
        0x300D => "EGL_BAD_SURFACE",
        0x300E => "EGL_CONTEXT_LOST",
        _ => "EGL error",
    };

    /// <summary>Reads a NUL-terminated UTF-8 string owned by the driver, or "" for null.</summary>
    public static string ReadString(byte* text) => text == null ? string.Empty : Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;
}
