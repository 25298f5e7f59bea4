// Interop with EGL/GL uses blittable types only (shared/notes/gl-headless.md §5 item 6).
[assembly: System.Runtime.CompilerServices.DisableRuntimeMarshalling]
