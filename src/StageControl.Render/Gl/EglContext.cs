// A headless EGL display + OpenGL 3.3 core context, made current on the thread that creates it
// (shared/notes/gl-headless.md §4 platform order, §5 pitfalls 1–5).
namespace StageControl.Render.Gl;

/// <summary>
/// Opens a display without a window system, binds desktop OpenGL and creates a 3.3 core context, surfaceless when
/// the display offers <c>EGL_KHR_surfaceless_context</c>, else with a 16×16 pbuffer. Platform order:
/// <list type="number">
/// <item><c>eglQueryDevicesEXT</c> (EGL_EXT_device_enumeration) + <c>eglGetPlatformDisplayEXT(EGL_PLATFORM_DEVICE_EXT)</c>,
/// preferring an NVIDIA CUDA device, then a DRM device, then Mesa's software device;</item>
/// <item><c>eglGetPlatformDisplayEXT(EGL_PLATFORM_SURFACELESS_MESA)</c>;</item>
/// <item><c>eglGetDisplay(EGL_DEFAULT_DISPLAY)</c> (works headless on Mesa only with EGL_PLATFORM=surfaceless).</item>
/// </list>
/// The context belongs to the creating thread (§5 item 5): create, use and dispose it on one thread
/// (<see cref="RenderThread"/>). Every failure throws <see cref="GraphicsException"/> naming the EGL call and error.
/// </summary>
internal sealed unsafe class EglContext : IDisposable
{
    private static readonly Dictionary<nint, int> s_displayReferences = [];

    private nint _display;
    private nint _context;
    private nint _surface;

    private EglContext(nint display, nint context, nint surface, string platform)
    {
        _display = display;
        _context = context;
        _surface = surface;
        Platform = platform;
    }

    /// <summary>How the display was opened, e.g. "device (EGL_MESA_device_software), surfaceless".</summary>
    public string Platform { get; }

    /// <summary>Loads a GL or EGL function; a non-null pointer does not prove support (§5 item 1).</summary>
    public static nint GetProcAddress(string name)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(name + "\0");
        fixed (byte* p = bytes)
        {
            return EglNative.GetProcAddress(p);
        }
    }

    /// <summary>Creates the display and context and makes it current on this thread.</summary>
    public static EglContext Create()
    {
        List<(nint Display, string Platform)> candidates;
        try
        {
            candidates = CandidateDisplays();
        }
        catch (DllNotFoundException e)
        {
            throw new GraphicsException($"EGL is not installed: cannot load {EglNative.Library} ({e.Message}). {GraphicsException.InstallHint}", e);
        }

        // Try each display in order; a DRM device without a usable render node fails at eglInitialize.
        var reasons = new List<string>();
        foreach (var (display, platform) in candidates)
        {
            int major, minor;
            lock (s_displayReferences)
            {
                if (EglNative.Initialize(display, &major, &minor) == EglNative.False)
                {
                    reasons.Add(Failure("eglInitialize", platform).Message);
                    continue;
                }

                s_displayReferences[display] = s_displayReferences.GetValueOrDefault(display) + 1;
            }

            try
            {
                return CreateOnDisplay(display, platform);
            }
            catch (GraphicsException e)
            {
                reasons.Add(e.Message);
                ReleaseDisplay(display);
            }
        }

        if (reasons.Count == 0)
        {
            reasons.Add("no EGL display could be opened (no device, surfaceless or default platform)");
        }

        throw new GraphicsException("EGL could not create an OpenGL 3.3 core context: " + string.Join(" | ", reasons) +
            " " + GraphicsException.InstallHint);
    }

    private static EglContext CreateOnDisplay(nint display, string platform)
    {
        if (EglNative.BindApi(EglNative.OpenGlApi) == EglNative.False)
        {
            throw Failure("eglBindAPI(EGL_OPENGL_API)", platform);
        }

        var displayExtensions = EglNative.ReadString(EglNative.QueryString(display, EglNative.Extensions));
        var surfaceless = HasExtension(displayExtensions, "EGL_KHR_surfaceless_context");
        var surfaceBits = surfaceless ? 0 : EglNative.PbufferBit;
        var configAttributes = stackalloc int[]
        {
            EglNative.RenderableType, EglNative.OpenGlBit,
            EglNative.SurfaceType, surfaceBits,
            EglNative.RedSize, 8, EglNative.GreenSize, 8, EglNative.BlueSize, 8, EglNative.AlphaSize, 8,
            EglNative.DepthSize, 24,
            EglNative.None,
        };
        nint config;
        int count;
        if (EglNative.ChooseConfig(display, configAttributes, &config, 1, &count) == EglNative.False)
        {
            throw Failure("eglChooseConfig", platform);
        }

        if (count < 1)
        {
            throw new GraphicsException($"eglChooseConfig found no RGBA8 + depth 24 OpenGL config on {platform}. {GraphicsException.InstallHint}");
        }

        var contextAttributes = stackalloc int[]
        {
            EglNative.ContextMajorVersion, 3,
            EglNative.ContextMinorVersion, 3,
            EglNative.ContextOpenGlProfileMask, EglNative.ContextOpenGlCoreProfileBit,
            EglNative.None,
        };
        var context = EglNative.CreateContext(display, config, 0, contextAttributes);
        if (context == 0)
        {
            throw Failure("eglCreateContext(OpenGL 3.3 core)", platform);
        }

        nint surface = 0;
        if (!surfaceless)
        {
            var pbufferAttributes = stackalloc int[] { EglNative.Width, 16, EglNative.Height, 16, EglNative.None };
            surface = EglNative.CreatePbufferSurface(display, config, pbufferAttributes);
            if (surface == 0)
            {
                EglNative.DestroyContext(display, context);
                throw Failure("eglCreatePbufferSurface(16×16)", platform);
            }
        }

        if (EglNative.MakeCurrent(display, surface, surface, context) == EglNative.False)
        {
            var error = Failure("eglMakeCurrent", platform);
            if (surface != 0)
            {
                EglNative.DestroySurface(display, surface);
            }

            EglNative.DestroyContext(display, context);
            throw error;
        }

        return new EglContext(display, context, surface, platform + (surfaceless ? ", surfaceless" : ", pbuffer 16×16"));
    }

    private static List<(nint Display, string Platform)> CandidateDisplays()
    {
        var list = new List<(nint, string)>();

        // Client extensions are read from EGL_NO_DISPLAY (§5 item 4).
        var client = EglNative.ReadString(EglNative.QueryString(0, EglNative.Extensions));
        var getPlatformDisplay = HasExtension(client, "EGL_EXT_platform_base")
            ? (delegate* unmanaged<uint, nint, int*, nint>)GetProcAddress("eglGetPlatformDisplayEXT")
            : null;
        if (getPlatformDisplay != null && HasExtension(client, "EGL_EXT_platform_device") &&
            HasExtension(client, "EGL_EXT_device_enumeration"))
        {
            AddDevices(getPlatformDisplay, list);
        }

        if (getPlatformDisplay != null && HasExtension(client, "EGL_MESA_platform_surfaceless"))
        {
            // eglGetPlatformDisplayEXT takes EGLint attributes (not EGLAttrib, §5 item 3); none are passed.
            var display = getPlatformDisplay(EglNative.PlatformSurfacelessMesa, 0, null);
            if (display != 0)
            {
                list.Add((display, "EGL_MESA_platform_surfaceless"));
            }
        }

        var fallback = EglNative.GetDisplay(0);
        if (fallback != 0)
        {
            list.Add((fallback, "EGL_DEFAULT_DISPLAY"));
        }

        return list;
    }

    private static void AddDevices(delegate* unmanaged<uint, nint, int*, nint> getPlatformDisplay, List<(nint, string)> list)
    {
        var queryDevices = (delegate* unmanaged<int, nint*, int*, uint>)GetProcAddress("eglQueryDevicesEXT");
        var queryDeviceString = (delegate* unmanaged<nint, int, byte*>)GetProcAddress("eglQueryDeviceStringEXT");
        if (queryDevices == null || queryDeviceString == null)
        {
            return;
        }

        const int MaxDevices = 16;
        var devices = stackalloc nint[MaxDevices];
        int count;
        if (queryDevices(MaxDevices, devices, &count) == EglNative.False || count <= 0)
        {
            return;
        }

        // Rank: NVIDIA CUDA device, then a DRM device, then Mesa's software device, then anything else.
        var ranked = new List<(int Rank, int Index, string Label)>();
        for (var i = 0; i < Math.Min(count, MaxDevices); i++)
        {
            var extensions = EglNative.ReadString(queryDeviceString(devices[i], EglNative.Extensions));
            ranked.Add(
                HasExtension(extensions, "EGL_NV_device_cuda") ? (0, i, "EGL_NV_device_cuda") :
                HasExtension(extensions, "EGL_EXT_device_drm") ? (1, i, "EGL_EXT_device_drm " + EglNative.ReadString(queryDeviceString(devices[i], EglNative.DrmDeviceFileExt))) :
                HasExtension(extensions, "EGL_MESA_device_software") ? (2, i, "EGL_MESA_device_software") :
                (3, i, "EGL device " + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        ranked.Sort((a, b) => a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank) : a.Index.CompareTo(b.Index));
        foreach (var (_, index, label) in ranked)
        {
            var display = getPlatformDisplay(EglNative.PlatformDeviceExt, devices[index], null);
            if (display != 0)
            {
                list.Add((display, "device " + label));
            }
        }
    }

    /// <summary>eglTerminate only when the last context of this process on the display is gone: one EGLDisplay is
    /// shared by every context opened on the same device, and eglTerminate is not reference counted.</summary>
    private static void ReleaseDisplay(nint display)
    {
        lock (s_displayReferences)
        {
            var n = s_displayReferences.GetValueOrDefault(display) - 1;
            if (n > 0)
            {
                s_displayReferences[display] = n;
                return;
            }

            s_displayReferences.Remove(display);
            EglNative.Terminate(display);
        }
    }

    private static bool HasExtension(string list, string extension)
    {
        foreach (var range in list.AsSpan().Split(' '))
        {
            if (list.AsSpan(range).SequenceEqual(extension))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An exception naming the EGL call and the error eglGetError reports.</summary>
    internal static GraphicsException Failure(string call, string context)
    {
        var code = EglNative.GetError();
        return new GraphicsException(FormattableString.Invariant(
            $"{call} failed: {EglNative.ErrorName(code)} (0x{code:X4}); {context}. {GraphicsException.InstallHint}"));
    }

    /// <summary>Releases the context, its surface and the display; call on the owning thread.</summary>
    public void Dispose()
    {
        if (_display == 0)
        {
            return;
        }

        EglNative.MakeCurrent(_display, 0, 0, 0);
        if (_surface != 0)
        {
            EglNative.DestroySurface(_display, _surface);
        }

        if (_context != 0)
        {
            EglNative.DestroyContext(_display, _context);
        }

        ReleaseDisplay(_display);
        EglNative.ReleaseThread();
        (_display, _context, _surface) = (0, 0, 0);
    }
}
