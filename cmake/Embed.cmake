# pg_embed(<target> NAME <symbol> FILE <path> [STRIP_COMMENTS | COMPACT_JSON])
# Compiles a file's bytes into <target> as
#   extern const unsigned char <symbol>[]; extern const unsigned long <symbol>_size;
# so fonts and shaders travel inside the binary (native and WebAssembly alike)
# with no file system at run time. The bytes are followed by a 0 (not counted
# in _size) so text files can be used as C strings. STRIP_COMMENTS (GLSL
# sources): `//` comments and blank lines are left out, the code is kept as
# written (the comments are for readers of shaders/, not for the page's bytes).
# COMPACT_JSON: a JSON file without its line breaks and indentation (a JSON
# string cannot hold a raw line break, so every one is between tokens).
function(pg_embed target)
  cmake_parse_arguments(E "STRIP_COMMENTS;COMPACT_JSON" "NAME;FILE" "" ${ARGN})
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embed/${E_NAME}.cpp")
  add_custom_command(OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DIN=${E_FILE} -DOUT=${out} -DNAME=${E_NAME} -DSTRIP_COMMENTS=${E_STRIP_COMMENTS} -DCOMPACT_JSON=${E_COMPACT_JSON}
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_file.cmake
    DEPENDS "${E_FILE}" ${PROJECT_SOURCE_DIR}/cmake/embed_file.cmake
    COMMENT "Embedding ${E_FILE}")
  target_sources(${target} PRIVATE "${out}")
endfunction()
