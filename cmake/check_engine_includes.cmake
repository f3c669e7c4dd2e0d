# Fails if any file under ENGINE_DIR includes a UI or platform header.
# Run at build time (before pg_engine compiles) and as a test.
file(GLOB_RECURSE files "${ENGINE_DIR}/*.h" "${ENGINE_DIR}/*.hpp" "${ENGINE_DIR}/*.cpp" "${ENGINE_DIR}/*.cc")
set(bad "")
foreach(f ${files})
  file(STRINGS "${f}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](imgui|SDL|GL/|GLES|GLFW|emscripten|backends/)")
  foreach(l ${lines})
    list(APPEND bad "${f}: ${l}")
  endforeach()
endforeach()
if(bad)
  list(JOIN bad "\n  " msg)
  message(FATAL_ERROR "engine/ must not depend on UI or platform headers:\n  ${msg}")
endif()
