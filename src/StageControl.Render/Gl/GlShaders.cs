// GLSL 3.30 core sources of the renderer and the compile/link helper.
namespace StageControl.Render.Gl;

/// <summary>Shader sources: the scene program (lit/unlit/sky/grid materials) and the inner-frustum composite.</summary>
internal static class GlShaders
{
    public const string SceneVertex = """
        #version 330 core
        layout(location = 0) in vec3 aPosition;
        layout(location = 1) in vec3 aNormal;
        layout(location = 2) in vec2 aTexCoord;
        uniform mat4 uViewProjection;
        uniform mat4 uModel;
        out vec3 vWorld;
        out vec3 vNormal;
        out vec2 vTexCoord;
        void main()
        {
            vec4 world = uModel * vec4(aPosition, 1.0);
            vWorld = world.xyz;
            vNormal = transpose(inverse(mat3(uModel))) * aNormal;
            vTexCoord = aTexCoord;
            gl_Position = uViewProjection * world;
        }
        """;

    public const string SceneFragment = """
        #version 330 core
        in vec3 vWorld;
        in vec3 vNormal;
        in vec2 vTexCoord;
        uniform int uKind;
        uniform vec4 uColor;
        uniform int uHasTexture;
        uniform sampler2D uTexture;
        uniform vec3 uEye;
        uniform vec3 uLight;
        out vec4 fragColor;

        const vec3 Horizon = vec3(0.75, 0.84, 0.95);

        vec3 sky(vec3 d)
        {
            if (d.y >= 0.0)
            {
                return mix(Horizon, vec3(0.10, 0.28, 0.70), pow(clamp(d.y, 0.0, 1.0), 0.6));
            }
            return mix(Horizon, vec3(0.22, 0.20, 0.18), clamp(-d.y * 4.0, 0.0, 1.0));
        }

        // Coverage of grid lines of a given spacing and half-width in pixels (analytic anti-aliasing via fwidth).
        float lines(vec2 p, float spacing, float halfWidth)
        {
            vec2 c = p / spacing;
            vec2 d = abs(fract(c - 0.5) - 0.5) / max(fwidth(c), vec2(1e-6));
            return 1.0 - clamp(min(d.x, d.y) - halfWidth, 0.0, 1.0);
        }

        float axis(float x, float halfWidth)
        {
            return 1.0 - clamp(abs(x) / max(fwidth(x), 1e-6) - halfWidth, 0.0, 1.0);
        }

        void main()
        {
            vec3 color;
            if (uKind == 2)
            {
                color = sky(normalize(vWorld - uEye));
            }
            else if (uKind == 3)
            {
                vec2 p = vWorld.xz;
                color = vec3(0.30, 0.31, 0.33);
                color = mix(color, vec3(0.55, 0.56, 0.58), lines(p, 1.0, 0.5));
                color = mix(color, vec3(0.85, 0.85, 0.85), lines(p, 5.0, 1.0));
                color = mix(color, vec3(0.90, 0.15, 0.10), axis(p.y, 1.0));
                color = mix(color, vec3(0.10, 0.30, 0.95), axis(p.x, 1.0));
                float distance = length(vWorld - uEye);
                color = mix(color, Horizon, smoothstep(40.0, 300.0, distance));
            }
            else
            {
                vec3 base = uColor.rgb;
                if (uHasTexture != 0)
                {
                    base *= texture(uTexture, vTexCoord).rgb;
                }
                if (uKind == 0)
                {
                    vec3 n = normalize(vNormal);
                    if (dot(n, uEye - vWorld) < 0.0)
                    {
                        n = -n;
                    }
                    base *= 0.3 + 0.7 * max(dot(n, -uLight), 0.0);
                }
                color = base;
            }
            fragColor = vec4(color, 1.0);
        }
        """;

    // A full-screen triangle from gl_VertexID (no vertex buffer; core profile still needs a bound VAO).
    public const string CompositeVertex = """
        #version 330 core
        void main()
        {
            vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
            gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
        }
        """;

    // Per-pixel inner-frustum test as nDisplay does it (shared/notes/math.md §3.2, [R4]): the LED pixel's stage
    // position through the camera's view-projection; inside when w > 0 and NDC in [-1, 1]^2. Soft edge: the same
    // function as StageControl.Core.Projection.SoftEdge.Alpha with sides = topBottom = uSoftEdge, feather 1.
    public const string CompositeFragment = """
        #version 330 core
        uniform sampler2D uInner;
        uniform vec2 uSize;
        uniform vec3 uCorner;
        uniform vec3 uEdgeU;
        uniform vec3 uEdgeV;
        uniform mat4 uCamera;
        uniform float uSoftEdge;
        uniform int uChroma;
        uniform vec3 uChromaColor;
        out vec4 fragColor;

        float ramp(float x, float w)
        {
            if (w <= 0.0) return 1.0;
            if (x < w) { float e = clamp(x / w, 0.0, 1.0); return e * e; }
            if (x > 1.0 - w) { float e = clamp((1.0 - x) / w, 0.0, 1.0); return e * e; }
            return 1.0;
        }

        void main()
        {
            vec2 uv = gl_FragCoord.xy / uSize;
            vec3 p = uCorner + uv.x * uEdgeU + uv.y * uEdgeV;
            vec4 clip = uCamera * vec4(p, 1.0);
            if (clip.w <= 0.0) discard;
            vec2 f = clip.xy / clip.w * 0.5 + 0.5;
            if (f.x < 0.0 || f.x > 1.0 || f.y < 0.0 || f.y > 1.0) discard;
            float alpha = 1.0;
            float ex = ramp(f.x, uSoftEdge);
            if (ex < 1.0) alpha *= smoothstep(0.0, 1.0, ex);
            float ey = ramp(f.y, uSoftEdge);
            if (ey < 1.0) alpha *= smoothstep(0.0, 1.0, ey);
            vec3 inner = uChroma != 0 ? uChromaColor : texelFetch(uInner, ivec2(gl_FragCoord.xy), 0).rgb;
            fragColor = vec4(inner, alpha);
        }
        """;

    /// <summary>Compiles and links a program; a compile or link failure throws with the driver's log.</summary>
    public static uint Build(GL gl, string name, string vertex, string fragment)
    {
        var vs = Compile(gl, name, ShaderType.VertexShader, vertex);
        var fs = Compile(gl, name, ShaderType.FragmentShader, fragment);
        var program = gl.CreateProgram();
        gl.AttachShader(program, vs);
        gl.AttachShader(program, fs);
        gl.LinkProgram(program);
        gl.DeleteShader(vs);
        gl.DeleteShader(fs);
        gl.GetProgram(program, ProgramPropertyARB.LinkStatus, out var linked);
        if (linked == 0)
        {
            var log = gl.GetProgramInfoLog(program);
            gl.DeleteProgram(program);
            throw new GraphicsException($"Linking the {name} program failed: {log}");
        }

        return program;
    }

    private static uint Compile(GL gl, string name, ShaderType type, string source)
    {
        var shader = gl.CreateShader(type);
        gl.ShaderSource(shader, source);
        gl.CompileShader(shader);
        gl.GetShader(shader, ShaderParameterName.CompileStatus, out var compiled);
        if (compiled == 0)
        {
            var log = gl.GetShaderInfoLog(shader);
            gl.DeleteShader(shader);
            throw new GraphicsException($"Compiling the {name} {type} failed: {log}");
        }

        return shader;
    }
}
