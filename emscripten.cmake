# WebAssembly build settings, included by CMakeLists.txt when configured with
#   emcmake cmake -S . -B build-wasm -G Ninja
# (scripts/build-web.sh does this). Debian's Emscripten 3.1.6 is assumed; see
# ../shared/TOOLCHAIN.md for the quirks worked around here.

# Debian's emcc needs acorn from Debian's node module folder at link time.
# Every compile and link goes through `env NODE_PATH=...`, so a plain
# `cmake --build` works even when the caller did not export it.
set(CMAKE_C_COMPILER_LAUNCHER   env NODE_PATH=/usr/share/nodejs)
set(CMAKE_CXX_COMPILER_LAUNCHER env NODE_PATH=/usr/share/nodejs)
set(CMAKE_C_LINKER_LAUNCHER     env NODE_PATH=/usr/share/nodejs)
set(CMAKE_CXX_LINKER_LAUNCHER   env NODE_PATH=/usr/share/nodejs)

# WASM SIMD128 for every target: Highway's HWY_WASM kernels need it.
add_compile_options(-msimd128)

# Node runs the tests and the CLI: Node 20 cannot fetch a separate .wasm from
# a file path, so those are linked -sSINGLE_FILE (see tests/ and cli/).
# CTest needs the emulator's absolute path.
find_program(PG_NODE_EXECUTABLE node REQUIRED)
set(CMAKE_CROSSCOMPILING_EMULATOR "${PG_NODE_EXECUTABLE}" CACHE FILEPATH "Runs WebAssembly test programs" FORCE)

# SDL2 built from Debian's libsdl2 source package by scripts/install.sh
# (-sUSE_SDL=2 would download a port from the internet).
# The lean build (no audio, renderer, blitters...; see scripts/install.sh): a
# build tree configured before it existed is moved over to it.
set(PG_SDL2_WASM_DIR "${PG_DEPS_DIR}/sdl2-wasm-lean" CACHE PATH "SDL2 built for WebAssembly")
if(PG_SDL2_WASM_DIR STREQUAL "${PG_DEPS_DIR}/sdl2-wasm")
  set(PG_SDL2_WASM_DIR "${PG_DEPS_DIR}/sdl2-wasm-lean" CACHE PATH "SDL2 built for WebAssembly" FORCE)
endif()

# Link settings of the browser application (web/CMakeLists.txt):
# WebGL2 only (ImGui's OpenGL3 backend as GLES3), memory growth, no threads
# (a course site then needs no cross-origin-isolation headers), the page's
# JavaScript API calls exported C functions through ccall/cwrap.
set(PG_WEB_LINK_OPTIONS
  -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
  -sALLOW_MEMORY_GROWTH=1
  -sENVIRONMENT=web
  # stringToUTF8 and lengthBytesUTF8: playground-api.js copies texts to the
  # heap itself (ccall's 'string' copies them onto the 5 MiB stack).
  -sEXPORTED_RUNTIME_METHODS=ccall,cwrap,UTF8ToString,stringToUTF8,lengthBytesUTF8
  -sEXPORTED_FUNCTIONS=_main,_malloc,_free
  -sEXIT_RUNTIME=0
  # No virtual file system in the page (the app reads and writes files only on
  # the desktop and in the CLI): 50 KB less JavaScript.
  -sFILESYSTEM=0
  # Smaller still, for the page's 1.5 MB budget (issue 11): emmalloc (8 KB less
  # than dlmalloc; the engine allocates outside its training loop), no setjmp,
  # TextDecoder only (every WebGL2 browser has it), and only the Module
  # properties playground-api.js and the one-file page set.
  -sMALLOC=emmalloc
  -sSUPPORT_LONGJMP=0
  -sTEXTDECODER=2
  "-sINCOMING_MODULE_JS_API=[canvas,arguments,print,printErr,setStatus,onAbort,wasmBinary]"
)
