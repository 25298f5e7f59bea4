// The OpenGL API as StageControl.Render uses it, shaped like Silk.NET.OpenGL's GL class (method names, enum types,
// GL.GetApi(loader)) so that a later swap to Silk.NET is a mechanical edit inside this folder (gl-headless.md §9).
using System.Runtime.CompilerServices;
using System.Text;

namespace StageControl.Render.Gl;

/// <summary>
/// OpenGL 3.3 core entry points with Silk.NET's names and enum types. Every call is followed by glGetError; an error
/// becomes a <see cref="GraphicsException"/> naming the call (e.g. "glFramebufferTexture2D failed: GL_INVALID_ENUM").
/// Must be used only on the thread where its context is current (<see cref="RenderThread"/>).
/// </summary>
#pragma warning disable CA1707 // Names mirror the GL API.
internal sealed unsafe class GL
{
    private readonly GlFunctions _f;

    private GL(GlFunctions functions) => _f = functions;

    /// <summary>Loads the API through a proc-address function (Silk.NET: <c>GL.GetApi(getProcAddress)</c>).</summary>
    public static GL GetApi(Func<string, nint> getProcAddress) => new(new GlFunctions(getProcAddress));

    /// <summary>glGetError.</summary>
    public GLEnum GetError() => (GLEnum)_f.GetError();

    /// <summary>glGetString, as a managed string ("" when the driver returns null).</summary>
    public string GetStringS(StringName name)
    {
        var p = _f.GetString((uint)name);
        Check("glGetString");
        return EglNative.ReadString(p);
    }

    /// <summary>glGetIntegerv for one value.</summary>
    public int GetInteger(GetPName pname)
    {
        int value;
        _f.GetIntegerv((uint)pname, &value);
        Check("glGetIntegerv");
        return value;
    }

    public void Viewport(int x, int y, uint width, uint height)
    {
        _f.Viewport(x, y, (int)width, (int)height);
        Check("glViewport");
    }

    public void Scissor(int x, int y, uint width, uint height)
    {
        _f.Scissor(x, y, (int)width, (int)height);
        Check("glScissor");
    }

    public void ClearColor(float red, float green, float blue, float alpha)
    {
        _f.ClearColor(red, green, blue, alpha);
        Check("glClearColor");
    }

    public void ClearDepth(float depth)
    {
        _f.ClearDepthf(depth);
        Check("glClearDepthf");
    }

    public void Clear(ClearBufferMask mask)
    {
        _f.Clear((uint)mask);
        Check("glClear");
    }

    public void Enable(EnableCap cap)
    {
        _f.Enable((uint)cap);
        Check("glEnable");
    }

    public void Disable(EnableCap cap)
    {
        _f.Disable((uint)cap);
        Check("glDisable");
    }

    public void BlendFuncSeparate(BlendingFactor srcRgb, BlendingFactor dstRgb, BlendingFactor srcAlpha, BlendingFactor dstAlpha)
    {
        _f.BlendFuncSeparate((uint)srcRgb, (uint)dstRgb, (uint)srcAlpha, (uint)dstAlpha);
        Check("glBlendFuncSeparate");
    }

    public void DepthFunc(DepthFunction func)
    {
        _f.DepthFunc((uint)func);
        Check("glDepthFunc");
    }

    public void DepthMask(bool flag)
    {
        _f.DepthMask(flag ? (byte)1 : (byte)0);
        Check("glDepthMask");
    }

    public void Finish()
    {
        _f.Finish();
        Check("glFinish");
    }

    public void Flush()
    {
        _f.Flush();
        Check("glFlush");
    }

    public void PixelStore(PixelStoreParameter pname, int param)
    {
        _f.PixelStorei((uint)pname, param);
        Check("glPixelStorei");
    }

    public void ReadPixels(int x, int y, uint width, uint height, PixelFormat format, PixelType type, void* pixels)
    {
        _f.ReadPixels(x, y, (int)width, (int)height, (uint)format, (uint)type, pixels);
        Check("glReadPixels");
    }

    public uint GenTexture()
    {
        uint id;
        _f.GenTextures(1, &id);
        Check("glGenTextures");
        return id;
    }

    public void DeleteTexture(uint texture)
    {
        _f.DeleteTextures(1, &texture);
        Check("glDeleteTextures");
    }

    public void BindTexture(TextureTarget target, uint texture)
    {
        _f.BindTexture((uint)target, texture);
        Check("glBindTexture");
    }

    public void ActiveTexture(TextureUnit texture)
    {
        _f.ActiveTexture((uint)texture);
        Check("glActiveTexture");
    }

    public void TexImage2D(TextureTarget target, int level, InternalFormat internalFormat, uint width, uint height, int border,
        PixelFormat format, PixelType type, void* pixels)
    {
        _f.TexImage2D((uint)target, level, (int)internalFormat, (int)width, (int)height, border, (uint)format, (uint)type, pixels);
        Check("glTexImage2D");
    }

    public void TexParameter(TextureTarget target, TextureParameterName pname, int param)
    {
        _f.TexParameteri((uint)target, (uint)pname, param);
        Check("glTexParameteri");
    }

    public void GenerateMipmap(TextureTarget target)
    {
        _f.GenerateMipmap((uint)target);
        Check("glGenerateMipmap");
    }

    public uint GenFramebuffer()
    {
        uint id;
        _f.GenFramebuffers(1, &id);
        Check("glGenFramebuffers");
        return id;
    }

    public void DeleteFramebuffer(uint framebuffer)
    {
        _f.DeleteFramebuffers(1, &framebuffer);
        Check("glDeleteFramebuffers");
    }

    public void BindFramebuffer(FramebufferTarget target, uint framebuffer)
    {
        _f.BindFramebuffer((uint)target, framebuffer);
        Check("glBindFramebuffer");
    }

    public void FramebufferTexture2D(FramebufferTarget target, FramebufferAttachment attachment, TextureTarget textarget, uint texture, int level)
    {
        _f.FramebufferTexture2D((uint)target, (uint)attachment, (uint)textarget, texture, level);
        Check("glFramebufferTexture2D");
    }

    public void FramebufferRenderbuffer(FramebufferTarget target, FramebufferAttachment attachment, RenderbufferTarget renderbuffertarget, uint renderbuffer)
    {
        _f.FramebufferRenderbuffer((uint)target, (uint)attachment, (uint)renderbuffertarget, renderbuffer);
        Check("glFramebufferRenderbuffer");
    }

    public GLEnum CheckFramebufferStatus(FramebufferTarget target)
    {
        var status = (GLEnum)_f.CheckFramebufferStatus((uint)target);
        Check("glCheckFramebufferStatus");
        return status;
    }

    public uint GenRenderbuffer()
    {
        uint id;
        _f.GenRenderbuffers(1, &id);
        Check("glGenRenderbuffers");
        return id;
    }

    public void DeleteRenderbuffer(uint renderbuffer)
    {
        _f.DeleteRenderbuffers(1, &renderbuffer);
        Check("glDeleteRenderbuffers");
    }

    public void BindRenderbuffer(RenderbufferTarget target, uint renderbuffer)
    {
        _f.BindRenderbuffer((uint)target, renderbuffer);
        Check("glBindRenderbuffer");
    }

    public void RenderbufferStorage(RenderbufferTarget target, InternalFormat internalFormat, uint width, uint height)
    {
        _f.RenderbufferStorage((uint)target, (uint)internalFormat, (int)width, (int)height);
        Check("glRenderbufferStorage");
    }

    public uint CreateShader(ShaderType type)
    {
        var id = _f.CreateShader((uint)type);
        Check("glCreateShader");
        return id;
    }

    public void ShaderSource(uint shader, string source)
    {
        var bytes = Encoding.UTF8.GetBytes(source);
        fixed (byte* p = bytes)
        {
            var length = bytes.Length;
            var pointer = p;
            _f.ShaderSource(shader, 1, &pointer, &length);
        }

        Check("glShaderSource");
    }

    public void CompileShader(uint shader)
    {
        _f.CompileShader(shader);
        Check("glCompileShader");
    }

    public void GetShader(uint shader, ShaderParameterName pname, out int value)
    {
        int v;
        _f.GetShaderiv(shader, (uint)pname, &v);
        Check("glGetShaderiv");
        value = v;
    }

    public string GetShaderInfoLog(uint shader)
    {
        GetShader(shader, ShaderParameterName.InfoLogLength, out var length);
        if (length <= 0)
        {
            return string.Empty;
        }

        var buffer = new byte[length];
        fixed (byte* p = buffer)
        {
            int written;
            _f.GetShaderInfoLog(shader, length, &written, p);
            Check("glGetShaderInfoLog");
            return Encoding.UTF8.GetString(buffer, 0, Math.Max(0, written));
        }
    }

    public void DeleteShader(uint shader)
    {
        _f.DeleteShader(shader);
        Check("glDeleteShader");
    }

    public uint CreateProgram()
    {
        var id = _f.CreateProgram();
        Check("glCreateProgram");
        return id;
    }

    public void AttachShader(uint program, uint shader)
    {
        _f.AttachShader(program, shader);
        Check("glAttachShader");
    }

    public void LinkProgram(uint program)
    {
        _f.LinkProgram(program);
        Check("glLinkProgram");
    }

    public void GetProgram(uint program, ProgramPropertyARB pname, out int value)
    {
        int v;
        _f.GetProgramiv(program, (uint)pname, &v);
        Check("glGetProgramiv");
        value = v;
    }

    public string GetProgramInfoLog(uint program)
    {
        GetProgram(program, ProgramPropertyARB.InfoLogLength, out var length);
        if (length <= 0)
        {
            return string.Empty;
        }

        var buffer = new byte[length];
        fixed (byte* p = buffer)
        {
            int written;
            _f.GetProgramInfoLog(program, length, &written, p);
            Check("glGetProgramInfoLog");
            return Encoding.UTF8.GetString(buffer, 0, Math.Max(0, written));
        }
    }

    public void UseProgram(uint program)
    {
        _f.UseProgram(program);
        Check("glUseProgram");
    }

    public void DeleteProgram(uint program)
    {
        _f.DeleteProgram(program);
        Check("glDeleteProgram");
    }

    public int GetUniformLocation(uint program, string name)
    {
        var bytes = Encoding.ASCII.GetBytes(name + "\0");
        fixed (byte* p = bytes)
        {
            var location = _f.GetUniformLocation(program, p);
            Check("glGetUniformLocation");
            return location;
        }
    }

    public void Uniform1(int location, int v0)
    {
        _f.Uniform1i(location, v0);
        Check("glUniform1i");
    }

    public void Uniform1(int location, float v0)
    {
        _f.Uniform1f(location, v0);
        Check("glUniform1f");
    }

    public void Uniform2(int location, float v0, float v1)
    {
        _f.Uniform2f(location, v0, v1);
        Check("glUniform2f");
    }

    public void Uniform3(int location, float v0, float v1, float v2)
    {
        _f.Uniform3f(location, v0, v1, v2);
        Check("glUniform3f");
    }

    public void Uniform4(int location, float v0, float v1, float v2, float v3)
    {
        _f.Uniform4f(location, v0, v1, v2, v3);
        Check("glUniform4f");
    }

    public void UniformMatrix4(int location, uint count, bool transpose, float* value)
    {
        _f.UniformMatrix4fv(location, (int)count, transpose ? (byte)1 : (byte)0, value);
        Check("glUniformMatrix4fv");
    }

    public uint GenVertexArray()
    {
        uint id;
        _f.GenVertexArrays(1, &id);
        Check("glGenVertexArrays");
        return id;
    }

    public void DeleteVertexArray(uint array)
    {
        _f.DeleteVertexArrays(1, &array);
        Check("glDeleteVertexArrays");
    }

    public void BindVertexArray(uint array)
    {
        _f.BindVertexArray(array);
        Check("glBindVertexArray");
    }

    public uint GenBuffer()
    {
        uint id;
        _f.GenBuffers(1, &id);
        Check("glGenBuffers");
        return id;
    }

    public void DeleteBuffer(uint buffer)
    {
        _f.DeleteBuffers(1, &buffer);
        Check("glDeleteBuffers");
    }

    public void BindBuffer(BufferTargetARB target, uint buffer)
    {
        _f.BindBuffer((uint)target, buffer);
        Check("glBindBuffer");
    }

    public void BufferData(BufferTargetARB target, nuint size, void* data, BufferUsageARB usage)
    {
        _f.BufferData((uint)target, (nint)size, data, (uint)usage);
        Check("glBufferData");
    }

    public void VertexAttribPointer(uint index, int size, VertexAttribPointerType type, bool normalized, uint stride, void* pointer)
    {
        _f.VertexAttribPointer(index, size, (uint)type, normalized ? (byte)1 : (byte)0, (int)stride, pointer);
        Check("glVertexAttribPointer");
    }

    public void EnableVertexAttribArray(uint index)
    {
        _f.EnableVertexAttribArray(index);
        Check("glEnableVertexAttribArray");
    }

    public void DrawArrays(PrimitiveType mode, int first, uint count)
    {
        _f.DrawArrays((uint)mode, first, (int)count);
        Check("glDrawArrays");
    }

    public void DrawElements(PrimitiveType mode, uint count, DrawElementsType type, void* indices)
    {
        _f.DrawElements((uint)mode, (int)count, (uint)type, indices);
        Check("glDrawElements");
    }

    /// <summary>Throws when glGetError reports an error after <paramref name="call"/>; drains queued errors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Check(string call)
    {
        var error = _f.GetError();
        if (error != 0)
        {
            Throw(call, error);
        }
    }

    [System.Diagnostics.StackTraceHidden]
    private void Throw(string call, uint error)
    {
        // glGetError returns one flag at a time; clear the rest so the next call starts clean.
        for (var i = 0; i < 8 && _f.GetError() != 0; i++)
        {
        }

        throw new GraphicsException(FormattableString.Invariant($"{call} failed: {ErrorName((GLEnum)error)} (0x{error:X4})."));
    }

    private static string ErrorName(GLEnum error) => error switch
    {
        GLEnum.InvalidEnum => "GL_INVALID_ENUM",
        GLEnum.InvalidValue => "GL_INVALID_VALUE",
        GLEnum.InvalidOperation => "GL_INVALID_OPERATION",
        GLEnum.StackOverflow => "GL_STACK_OVERFLOW",
        GLEnum.StackUnderflow => "GL_STACK_UNDERFLOW",
        GLEnum.OutOfMemory => "GL_OUT_OF_MEMORY",
        GLEnum.InvalidFramebufferOperation => "GL_INVALID_FRAMEBUFFER_OPERATION",
        _ => "GL error",
    };
}
#pragma warning restore CA1707
