// GL entry points as function pointers resolved through eglGetProcAddress (generated list; shared/notes/gl-headless.md §3, §8).
namespace StageControl.Render.Gl;

/// <summary>
/// The raw GL function table: one <c>delegate* unmanaged</c> per entry point, resolved once through a proc-address
/// loader (glvnd returns non-null for any <c>gl*</c> name, so support is proven by the context version instead).
/// <see cref="GL"/> wraps it in Silk.NET-shaped methods with error checks.
/// </summary>
internal sealed unsafe class GlFunctions
{
    public readonly delegate* unmanaged<uint> GetError;
    public readonly delegate* unmanaged<uint, byte*> GetString;
    public readonly delegate* unmanaged<uint, int*, void> GetIntegerv;
    public readonly delegate* unmanaged<int, int, int, int, void> Viewport;
    public readonly delegate* unmanaged<int, int, int, int, void> Scissor;
    public readonly delegate* unmanaged<float, float, float, float, void> ClearColor;
    public readonly delegate* unmanaged<float, void> ClearDepthf;
    public readonly delegate* unmanaged<uint, void> Clear;
    public readonly delegate* unmanaged<uint, void> Enable;
    public readonly delegate* unmanaged<uint, void> Disable;
    public readonly delegate* unmanaged<uint, uint, uint, uint, void> BlendFuncSeparate;
    public readonly delegate* unmanaged<uint, void> DepthFunc;
    public readonly delegate* unmanaged<byte, void> DepthMask;
    public readonly delegate* unmanaged<void> Finish;
    public readonly delegate* unmanaged<void> Flush;
    public readonly delegate* unmanaged<uint, int, void> PixelStorei;
    public readonly delegate* unmanaged<int, int, int, int, uint, uint, void*, void> ReadPixels;
    public readonly delegate* unmanaged<int, uint*, void> GenTextures;
    public readonly delegate* unmanaged<int, uint*, void> DeleteTextures;
    public readonly delegate* unmanaged<uint, uint, void> BindTexture;
    public readonly delegate* unmanaged<uint, void> ActiveTexture;
    public readonly delegate* unmanaged<uint, int, int, int, int, int, uint, uint, void*, void> TexImage2D;
    public readonly delegate* unmanaged<uint, uint, int, void> TexParameteri;
    public readonly delegate* unmanaged<uint, void> GenerateMipmap;
    public readonly delegate* unmanaged<int, uint*, void> GenFramebuffers;
    public readonly delegate* unmanaged<int, uint*, void> DeleteFramebuffers;
    public readonly delegate* unmanaged<uint, uint, void> BindFramebuffer;
    public readonly delegate* unmanaged<uint, uint, uint, uint, int, void> FramebufferTexture2D;
    public readonly delegate* unmanaged<uint, uint, uint, uint, void> FramebufferRenderbuffer;
    public readonly delegate* unmanaged<uint, uint> CheckFramebufferStatus;
    public readonly delegate* unmanaged<int, uint*, void> GenRenderbuffers;
    public readonly delegate* unmanaged<int, uint*, void> DeleteRenderbuffers;
    public readonly delegate* unmanaged<uint, uint, void> BindRenderbuffer;
    public readonly delegate* unmanaged<uint, uint, int, int, void> RenderbufferStorage;
    public readonly delegate* unmanaged<uint, uint> CreateShader;
    public readonly delegate* unmanaged<uint, int, byte**, int*, void> ShaderSource;
    public readonly delegate* unmanaged<uint, void> CompileShader;
    public readonly delegate* unmanaged<uint, uint, int*, void> GetShaderiv;
    public readonly delegate* unmanaged<uint, int, int*, byte*, void> GetShaderInfoLog;
    public readonly delegate* unmanaged<uint, void> DeleteShader;
    public readonly delegate* unmanaged<uint> CreateProgram;
    public readonly delegate* unmanaged<uint, uint, void> AttachShader;
    public readonly delegate* unmanaged<uint, void> LinkProgram;
    public readonly delegate* unmanaged<uint, uint, int*, void> GetProgramiv;
    public readonly delegate* unmanaged<uint, int, int*, byte*, void> GetProgramInfoLog;
    public readonly delegate* unmanaged<uint, void> UseProgram;
    public readonly delegate* unmanaged<uint, void> DeleteProgram;
    public readonly delegate* unmanaged<uint, byte*, int> GetUniformLocation;
    public readonly delegate* unmanaged<int, int, void> Uniform1i;
    public readonly delegate* unmanaged<int, float, void> Uniform1f;
    public readonly delegate* unmanaged<int, float, float, void> Uniform2f;
    public readonly delegate* unmanaged<int, float, float, float, void> Uniform3f;
    public readonly delegate* unmanaged<int, float, float, float, float, void> Uniform4f;
    public readonly delegate* unmanaged<int, int, byte, float*, void> UniformMatrix4fv;
    public readonly delegate* unmanaged<int, uint*, void> GenVertexArrays;
    public readonly delegate* unmanaged<int, uint*, void> DeleteVertexArrays;
    public readonly delegate* unmanaged<uint, void> BindVertexArray;
    public readonly delegate* unmanaged<int, uint*, void> GenBuffers;
    public readonly delegate* unmanaged<int, uint*, void> DeleteBuffers;
    public readonly delegate* unmanaged<uint, uint, void> BindBuffer;
    public readonly delegate* unmanaged<uint, nint, void*, uint, void> BufferData;
    public readonly delegate* unmanaged<uint, int, uint, byte, int, void*, void> VertexAttribPointer;
    public readonly delegate* unmanaged<uint, void> EnableVertexAttribArray;
    public readonly delegate* unmanaged<uint, int, int, void> DrawArrays;
    public readonly delegate* unmanaged<uint, int, uint, void*, void> DrawElements;

    /// <summary>Resolves every entry point; throws when the loader returns null for one.</summary>
    public GlFunctions(Func<string, nint> getProcAddress)
    {
        ArgumentNullException.ThrowIfNull(getProcAddress);
        GetError = (delegate* unmanaged<uint>)Load(getProcAddress, "glGetError");
        GetString = (delegate* unmanaged<uint, byte*>)Load(getProcAddress, "glGetString");
        GetIntegerv = (delegate* unmanaged<uint, int*, void>)Load(getProcAddress, "glGetIntegerv");
        Viewport = (delegate* unmanaged<int, int, int, int, void>)Load(getProcAddress, "glViewport");
        Scissor = (delegate* unmanaged<int, int, int, int, void>)Load(getProcAddress, "glScissor");
        ClearColor = (delegate* unmanaged<float, float, float, float, void>)Load(getProcAddress, "glClearColor");
        ClearDepthf = (delegate* unmanaged<float, void>)Load(getProcAddress, "glClearDepthf");
        Clear = (delegate* unmanaged<uint, void>)Load(getProcAddress, "glClear");
        Enable = (delegate* unmanaged<uint, void>)Load(getProcAddress, "glEnable");
        Disable = (delegate* unmanaged<uint, void>)Load(getProcAddress, "glDisable");
        BlendFuncSeparate = (delegate* unmanaged<uint, uint, uint, uint, void>)Load(getProcAddress, "glBlendFuncSeparate");
        DepthFunc = (delegate* unmanaged<uint, void>)Load(getProcAddress, "glDepthFunc");
        DepthMask = (delegate* unmanaged<byte, void>)Load(getProcAddress, "glDepthMask");
        Finish = (delegate* unmanaged<void>)Load(getProcAddress, "glFinish");
        Flush = (delegate* unmanaged<void>)Load(getProcAddress, "glFlush");
        PixelStorei = (delegate* unmanaged<uint, int, void>)Load(getProcAddress, "glPixelStorei");
        ReadPixels = (delegate* unmanaged<int, int, int, int, uint, uint, void*, void>)Load(getProcAddress, "glReadPixels");
        GenTextures = (delegate* unmanaged<int, uint*, void>)Load(getProcAddress, "glGenTextures");
        DeleteTextures = (delegate* unmanaged<int, uint*, void>)Load(getProcAddress, "glDeleteTextures");
        BindTexture = (delegate* unmanaged<uint, uint, void>)Load(getProcAddress, "glBindTexture");
        ActiveTexture = (delegate* unmanaged<uint, void>)Load(getProcAddress, "glActiveTexture");
        TexImage2D = (delegate* unmanaged<uint, int, int, int, int, int, uint, uint, void*, void>)Load(getProcAddress, "glTexImage2D");
        TexParameteri = (delegate* unmanaged<uint, uint, int, void>)Load(getProcAddress, "glTexParameteri");
        GenerateMipmap = (delegate* unmanaged<uint, void>)Load(getProcAddress, "glGenerateMipmap");
        GenFramebuffers = (delegate* unmanaged<int, uint*, void>)Load(getProcAddress, "glGenFramebuffers");
        DeleteFramebuffers = (delegate* unmanaged<int, uint*, void>)Load(getProcAddress, "glDeleteFramebuffers");
        BindFramebuffer = (delegate* unmanaged<uint, uint, void>)Load(getProcAddress, "glBindFramebuffer");
        FramebufferTexture2D = (delegate* unmanaged<uint, uint, uint, uint, int, void>)Load(getProcAddress, "glFramebufferTexture2D");
        FramebufferRenderbuffer = (delegate* unmanaged<uint, uint, uint, uint, void>)Load(getProcAddress, "glFramebufferRenderbuffer");
        CheckFramebufferStatus = (delegate* unmanaged<uint, uint>)Load(getProcAddress, "glCheckFramebufferStatus");
        GenRenderbuffers = (delegate* unmanaged<int, uint*, void>)Load(getProcAddress, "glGenRenderbuffers");
        DeleteRenderbuffers = (delegate* unmanaged<int, uint*, void>)Load(getProcAddress, "glDeleteRenderbuffers");
        BindRenderbuffer = (delegate* unmanaged<uint, uint, void>)Load(getProcAddress, "glBindRenderbuffer");
        RenderbufferStorage = (delegate* unmanaged<uint, uint, int, int, void>)Load(getProcAddress, "glRenderbufferStorage");
        CreateShader = (delegate* unmanaged<uint, uint>)Load(getProcAddress, "glCreateShader");
        ShaderSource = (delegate* unmanaged<uint, int, byte**, int*, void>)Load(getProcAddress, "glShaderSource");
        CompileShader = (delegate* unmanaged<uint, void>)Load(getProcAddress, "glCompileShader");
        GetShaderiv = (delegate* unmanaged<uint, uint, int*, void>)Load(getProcAddress, "glGetShaderiv");
        GetShaderInfoLog = (delegate* unmanaged<uint, int, int*, byte*, void>)Load(getProcAddress, "glGetShaderInfoLog");
        DeleteShader = (delegate* unmanaged<uint, void>)Load(getProcAddress, "glDeleteShader");
        CreateProgram = (delegate* unmanaged<uint>)Load(getProcAddress, "glCreateProgram");
        AttachShader = (delegate* unmanaged<uint, uint, void>)Load(getProcAddress, "glAttachShader");
        LinkProgram = (delegate* unmanaged<uint, void>)Load(getProcAddress, "glLinkProgram");
        GetProgramiv = (delegate* unmanaged<uint, uint, int*, void>)Load(getProcAddress, "glGetProgramiv");
        GetProgramInfoLog = (delegate* unmanaged<uint, int, int*, byte*, void>)Load(getProcAddress, "glGetProgramInfoLog");
        UseProgram = (delegate* unmanaged<uint, void>)Load(getProcAddress, "glUseProgram");
        DeleteProgram = (delegate* unmanaged<uint, void>)Load(getProcAddress, "glDeleteProgram");
        GetUniformLocation = (delegate* unmanaged<uint, byte*, int>)Load(getProcAddress, "glGetUniformLocation");
        Uniform1i = (delegate* unmanaged<int, int, void>)Load(getProcAddress, "glUniform1i");
        Uniform1f = (delegate* unmanaged<int, float, void>)Load(getProcAddress, "glUniform1f");
        Uniform2f = (delegate* unmanaged<int, float, float, void>)Load(getProcAddress, "glUniform2f");
        Uniform3f = (delegate* unmanaged<int, float, float, float, void>)Load(getProcAddress, "glUniform3f");
        Uniform4f = (delegate* unmanaged<int, float, float, float, float, void>)Load(getProcAddress, "glUniform4f");
        UniformMatrix4fv = (delegate* unmanaged<int, int, byte, float*, void>)Load(getProcAddress, "glUniformMatrix4fv");
        GenVertexArrays = (delegate* unmanaged<int, uint*, void>)Load(getProcAddress, "glGenVertexArrays");
        DeleteVertexArrays = (delegate* unmanaged<int, uint*, void>)Load(getProcAddress, "glDeleteVertexArrays");
        BindVertexArray = (delegate* unmanaged<uint, void>)Load(getProcAddress, "glBindVertexArray");
        GenBuffers = (delegate* unmanaged<int, uint*, void>)Load(getProcAddress, "glGenBuffers");
        DeleteBuffers = (delegate* unmanaged<int, uint*, void>)Load(getProcAddress, "glDeleteBuffers");
        BindBuffer = (delegate* unmanaged<uint, uint, void>)Load(getProcAddress, "glBindBuffer");
        BufferData = (delegate* unmanaged<uint, nint, void*, uint, void>)Load(getProcAddress, "glBufferData");
        VertexAttribPointer = (delegate* unmanaged<uint, int, uint, byte, int, void*, void>)Load(getProcAddress, "glVertexAttribPointer");
        EnableVertexAttribArray = (delegate* unmanaged<uint, void>)Load(getProcAddress, "glEnableVertexAttribArray");
        DrawArrays = (delegate* unmanaged<uint, int, int, void>)Load(getProcAddress, "glDrawArrays");
        DrawElements = (delegate* unmanaged<uint, int, uint, void*, void>)Load(getProcAddress, "glDrawElements");
    }

    private static nint Load(Func<string, nint> getProcAddress, string name)
    {
        var p = getProcAddress(name);
        return p != 0 ? p : throw new GraphicsException($"The GL driver does not provide {name}.");
    }
}
