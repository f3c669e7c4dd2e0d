// The page only: eglGetProcAddress answers "not available" for every name.
//
// SDL's EGL video code (which Emscripten's SDL driver uses) asks
// eglGetProcAddress for EGL extensions and, through SDL_GL_GetProcAddress,
// for a few GL functions to probe the context. Emscripten's own
// eglGetProcAddress answers from a table of every WebGL entry point, and that
// table links all of them into the page: about 300 JavaScript wrappers and a
// 5 KB lookup function, for the 1.5 MB budget. The app never looks a GL
// function up by name (ImGui's OpenGL3 backend is built as GLES3 and
// ui/heatmap.cpp calls GL directly through gl.h), and SDL treats a null answer
// as "this extension is not there", which on WebGL it is not. Defining the
// symbol here keeps Emscripten's library object (and its table) out.
#ifdef __EMSCRIPTEN__
extern "C" void* eglGetProcAddress(const char*) { return nullptr; }
#endif
