// web/gl.h — the one place that picks the OpenGL header: OpenGL ES 3.0
// (WebGL2) in the browser, desktop OpenGL 3.3 core natively. Core 3.3 entry
// points are exported by Linux's libGL, so no loader is needed for our calls.
#pragma once
#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
#define GL_GLEXT_PROTOTYPES 1
#include <SDL_opengl.h>
#endif
